package com.podium.connect.ops;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One replayed record: where it sits on the topic, and the event as it was sent.
 *
 * @param timestamp the Kafka record timestamp
 * @param eventType the {@code podium-event-type} header, or null when the record has none
 * @param event the record value as JSON, or as a JSON string when the value is not JSON
 */
public record ReplayedEvent(String topic, int partition, long offset, Instant timestamp, String key,
        String eventType, JsonNode event) {
}
