/**
 * Event delivery to Kafka: a transactional outbox ({@code event_outbox}) written in the publishing transaction,
 * with a per-athlete sequence number, and a relay that sends it in commit order per athlete, pipelined, with one
 * owner per pending row at a time. Also the maintenance of Spring Modulith's event publication registry, which
 * guards the in-process listeners.
 */
package com.podium.connect.events;
