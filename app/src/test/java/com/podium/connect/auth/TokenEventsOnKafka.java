package com.podium.connect.auth;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.podium.connect.token.TokenEvents;
import com.podium.testsupport.KafkaTopicReader;

/** Reads podium.token-events the way an outside consumer would. */
final class TokenEventsOnKafka {

    private TokenEventsOnKafka() {
    }

    static ConsumerRecord<String, String> await(String athleteId, String type) {
        return KafkaTopicReader.readUntil(TokenEvents.TOPIC, Duration.ofSeconds(30), read -> matching(read, athleteId, type)
            .findAny().isPresent())
            .stream().filter(r -> athleteId.equals(r.key()) && type.equals(typeOf(r))).findFirst()
            .orElseThrow(() -> new AssertionError("no " + type + " keyed " + athleteId + " on " + TokenEvents.TOPIC));
    }

    /** Everything keyed by the account within a short window: for asserting that nothing arrived. */
    static List<String> typesFor(String athleteId, Duration window) {
        return KafkaTopicReader.readFor(TokenEvents.TOPIC, window).stream().filter(r -> athleteId.equals(r.key()))
            .map(TokenEventsOnKafka::typeOf).toList();
    }

    private static java.util.stream.Stream<ConsumerRecord<String, String>> matching(
            List<ConsumerRecord<String, String>> read, String athleteId, String type) {
        return read.stream().filter(r -> athleteId.equals(r.key()) && type.equals(typeOf(r)));
    }

    static String typeOf(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader(TokenEvents.TYPE_HEADER);
        return header == null ? null : new String(header.value());
    }
}
