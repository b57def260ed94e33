package com.podium.connect.audit;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A token event as read off Kafka, validated, with where it came from. */
record ReceivedEvent(UUID eventId, String athleteId, String eventType, int schemaVersion, Instant occurredAt,
        ObjectNode payload, String topic, int partition, long offset) {
}
