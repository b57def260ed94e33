/**
 * The audit log: every token event on {@code podium.token-events} stored once, append-only, in
 * {@code audit_events}, and readable per athlete over {@code GET /api/audit/events}.
 * <p>
 * Depends only on the topic contract ({@code TokenEvents}), not on the modules that publish the events.
 */
package com.podium.connect.audit;
