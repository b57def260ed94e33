package com.podium.connect.audit;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of the append-only audit log. Read-only to JPA ({@link Immutable}, no setters): rows are only ever
 * inserted, by {@link AuditEventRepository#append}, and the database refuses UPDATE and DELETE.
 */
@Entity
@Immutable
@Table(name = "audit_events")
class AuditEvent {

    @Id
    private Long id;

    @Column(name = "event_id")
    private UUID eventId;

    @Column(name = "athlete_id")
    private String athleteId;

    @Column(name = "event_type")
    private String eventType;

    @Column(name = "schema_version")
    private int schemaVersion;

    /** The athlete's event number; null for events from before schemaVersion 2. */
    @Column(name = "sequence")
    private Long sequence;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "payload")
    private JsonNode payload;

    @Column(name = "kafka_topic")
    private String kafkaTopic;

    @Column(name = "kafka_partition")
    private int kafkaPartition;

    @Column(name = "kafka_offset")
    private long kafkaOffset;

    @Column(name = "received_at")
    private Instant receivedAt;

    protected AuditEvent() {
        // for JPA
    }

    UUID eventId() {
        return eventId;
    }

    String athleteId() {
        return athleteId;
    }

    String eventType() {
        return eventType;
    }

    int schemaVersion() {
        return schemaVersion;
    }

    Long sequence() {
        return sequence;
    }

    Instant occurredAt() {
        return occurredAt;
    }

    JsonNode payload() {
        return payload;
    }

    String kafkaTopic() {
        return kafkaTopic;
    }

    int kafkaPartition() {
        return kafkaPartition;
    }

    long kafkaOffset() {
        return kafkaOffset;
    }

    Instant receivedAt() {
        return receivedAt;
    }
}
