package com.podium.connect.events;

/** One outbox row on its way to Kafka: the record to send and where it stands in its key's sequence. */
record OutboxRecord(long id, String key, long sequence, String topic, String eventType, String payload) {
}
