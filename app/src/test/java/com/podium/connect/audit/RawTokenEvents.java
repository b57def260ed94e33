package com.podium.connect.audit;

import com.podium.testsupport.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import com.podium.connect.token.TokenEvents;
import com.podium.testsupport.RealInfrastructure;

/** A plain Kafka producer writing to the token-events topic as any producer (or a redelivery) would. */
final class RawTokenEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.endpoints().kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());

    /** Sends and waits for the broker's acknowledgement; {@code type} null sends no type header. */
    RecordMetadata send(String key, String type, String value) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(TokenEvents.TOPIC, key, value);
        if (type != null) {
            record.headers().add(TokenEvents.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        }
        return producer.send(record).get();
    }

    static String revokedJson(UUID eventId, String athleteId, Instant occurredAt, String detail) {
        return """
                {"eventId":"%s","schemaVersion":1,"athleteId":"%s","occurredAt":"%s","reason":"DISCONNECTED","detail":"%s"}"""
            .formatted(eventId, athleteId, occurredAt, detail);
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; fails with {@code what} otherwise. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Poll.until(what, timeout, condition);
    }

    @Override
    public void close() {
        producer.close();
    }
}
