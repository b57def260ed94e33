package com.podium.connect.audit;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** One audit row as the HTTP API shows it. */
record AuditEventView(UUID eventId, String eventType, int schemaVersion, String athleteId, Long sequence,
        Instant occurredAt, Instant receivedAt, String kafkaTopic, int kafkaPartition, long kafkaOffset,
        JsonNode payload) {

    static AuditEventView of(AuditEvent row) {
        return new AuditEventView(row.eventId(), row.eventType(), row.schemaVersion(), row.athleteId(),
                row.sequence(), row.occurredAt(), row.receivedAt(), row.kafkaTopic(), row.kafkaPartition(),
                row.kafkaOffset(), row.payload());
    }
}
