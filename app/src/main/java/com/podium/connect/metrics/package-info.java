/**
 * Operational metrics on {@code /actuator/prometheus}, kept out of the modules' code: refresh outcomes counted from
 * the token events, TrainingPeaks call latency observed around the HTTP clients. Gauges of stored state live with
 * the module that owns the table (token module, event publication registry).
 */
package com.podium.connect.metrics;
