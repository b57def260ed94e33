package com.podium.connect.ops;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import com.podium.connect.token.TokenEvents;
import com.podium.testsupport.RealInfrastructure;

/**
 * Puts token events on the real topic with a plain producer, remembering what was sent, so a replay can be
 * compared with it. Test settings shared by the ops tests live here too (one Spring context for all of them).
 */
final class TokenEventsOnKafka implements AutoCloseable {

    /** The ops bearer token of the test context. */
    static final String OPS_TOKEN = "test-ops-token-" + "7c1d";
    /** Its own audit group, so stopping this context's audit consumer leaves a group with no other member. */
    static final String AUDIT_GROUP = "podium-audit-ops-tests";

    record Sent(UUID eventId, String athleteId, RecordMetadata where) {
    }

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.endpoints().kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());

    /** Sends a TokenRevoked for {@code athlete} and waits for the acknowledgement. */
    Sent send(String athlete) throws Exception {
        return send(athlete, null);
    }

    /** As {@link #send(String)}, with an explicit Kafka record timestamp (null: the producer's clock). */
    Sent send(String athlete, Instant timestamp) throws Exception {
        UUID eventId = UUID.randomUUID();
        String value = """
                {"eventId":"%s","schemaVersion":1,"athleteId":"%s","occurredAt":"%s","reason":"DISCONNECTED","detail":"test"}"""
            .formatted(eventId, athlete, Instant.now());
        ProducerRecord<String, String> record = new ProducerRecord<>(TokenEvents.TOPIC, null,
                timestamp == null ? null : timestamp.toEpochMilli(), athlete, value);
        record.headers().add(TokenEvents.TYPE_HEADER, "TokenRevoked".getBytes(StandardCharsets.UTF_8));
        return new Sent(eventId, athlete, producer.send(record).get());
    }

    /** Round-robin over the athletes, {@code perAthlete} events each: their events interleave on the topic. */
    List<Sent> interleave(int perAthlete, String... athletes) throws Exception {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < perAthlete; i++) {
            for (String athlete : athletes) {
                sent.add(send(athlete));
            }
        }
        return sent;
    }

    static List<UUID> idsOf(List<Sent> sent, String athlete) {
        return sent.stream().filter(s -> s.athleteId().equals(athlete)).map(Sent::eventId).toList();
    }

    static String athlete() {
        return "athlete-" + UUID.randomUUID();
    }

    @Override
    public void close() {
        producer.close();
    }
}
