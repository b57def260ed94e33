package com.podium.connect.token;

import com.podium.connect.AnotherInstance;
import com.podium.testsupport.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.testsupport.KafkaTopicReader;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/** Test helpers around the stand-in, the token module's API and the token-events topic. */
final class StandInTokens {

    static final String REDIRECT_URI = "http://localhost:8501/";
    static final String ATHLETE_SCOPE = "athlete:profile workouts:read metrics:read";
    static final ObjectMapper JSON = new ObjectMapper();

    private StandInTokens() {
    }

    /** Connects an athlete the way the callback does: a code from the (auto-approving) stand-in, exchanged and stored. */
    static TokenGrant connect(Tokens tokens, TrainingPeaksStandIn standIn, String athleteId) {
        TokenGrant grant = tokens.exchangeAuthorizationCode(standIn.authorizeAsBrowser(REDIRECT_URI, ATHLETE_SCOPE), null);
        tokens.store(athleteId, AccountRole.ATHLETE, grant);
        return grant;
    }

    static void awaitRefreshDue(Tokens tokens, String athleteId) {
        Instant refreshAt = tokens.status(athleteId).orElseThrow().refreshAt();
        await(() -> Instant.now().isAfter(refreshAt), Duration.ofSeconds(10));
    }

    static void awaitExpiry(Tokens tokens, String athleteId) {
        Instant expiresAt = tokens.status(athleteId).orElseThrow().expiresAt();
        await(() -> Instant.now().isAfter(expiresAt), Duration.ofSeconds(10));
    }

    static void await(BooleanSupplier condition, Duration timeout) {
        Poll.until("the condition", timeout, condition);
    }

    /** The athlete's events on the topic, in order, once at least {@code count} arrived. */
    static List<ConsumerRecord<String, String>> events(String athleteId, int count) {
        return KafkaTopicReader
            .readUntil(TokenEvents.TOPIC, Duration.ofSeconds(30),
                    read -> read.stream().filter(r -> athleteId.equals(r.key())).count() >= count)
            .stream()
            .filter(r -> athleteId.equals(r.key()))
            .toList();
    }

    static String type(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(TokenEvents.TYPE_HEADER).value());
    }

    static JsonNode body(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        }
        catch (Exception e) {
            throw new AssertionError("not JSON: " + record.value(), e);
        }
    }

    /** A second application instance on the same database and broker, as a second pod would be. */
    static ConfigurableApplicationContext secondInstance(TrainingPeaksStandIn standIn) {
        return AnotherInstance.start(standIn.baseUri());
    }
}
