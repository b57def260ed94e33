package com.podium.connect.audit;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A token event as read off Kafka, validated, with where it came from.
 *
 * @param sequence the athlete's event number, or null for events from before schemaVersion 2
 */
record ReceivedEvent(UUID eventId, String athleteId, String eventType, int schemaVersion, Long sequence,
        Instant occurredAt, ObjectNode payload, String topic, int partition, long offset) {
}
