package com.podium.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain Kafka consumer, as any outside reader of our topics would use: no Spring, string keys and values.
 * Each call reads the topic from the beginning in a fresh consumer group.
 */
public final class KafkaTopicReader {

    private KafkaTopicReader() {
    }

    /** Reads until {@code done} holds for what was read so far, or the timeout passes; returns all records read. */
    public static List<ConsumerRecord<String, String>> readUntil(String topic, Duration timeout,
            Predicate<List<ConsumerRecord<String, String>>> done) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && !done.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Everything on the topic within {@code window}: for asserting that something did NOT arrive. */
    public static List<ConsumerRecord<String, String>> readFor(String topic, Duration window) {
        return readUntil(topic, window, records -> false);
    }
}
