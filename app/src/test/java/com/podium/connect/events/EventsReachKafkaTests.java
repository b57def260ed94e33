package com.podium.connect.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.auth.AuthorizationCompleted;
import com.podium.connect.token.TokenEvents;
import com.podium.connect.token.TokenRefreshFailed;
import com.podium.connect.token.TokenRevoked;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.KafkaTopicReader;

/**
 * The outbox on the wire: committed events reach Kafka keyed by athlete, numbered per athlete, in order; rolled-back
 * ones never do; a dead instance's events are taken over and not overtaken.
 */
@IntegrationTest
class EventsReachKafkaTests {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void committedEventReachesItsTopicKeyedByAthleteAsPlainJson() throws Exception {
        String athlete = "athlete-" + UUID.randomUUID();
        TokenRevoked revoked = TokenRevoked.of(athlete, Instant.parse("2026-11-25T10:15:30Z"),
                TokenRevoked.Reason.REFRESH_REJECTED, "invalid_grant");

        transactions.executeWithoutResult(tx -> events.publishEvent(revoked));

        List<ConsumerRecord<String, String>> records = KafkaTopicReader.readUntil(TokenEvents.TOPIC,
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> athlete.equals(r.key())));
        ConsumerRecord<String, String> record = records.stream().filter(r -> athlete.equals(r.key())).findFirst()
            .orElseThrow(() -> new AssertionError("no record keyed " + athlete + " on " + TokenEvents.TOPIC));

        JsonNode body = json.readTree(record.value());
        assertThat(body.get("eventId").asText()).isEqualTo(revoked.eventId().toString());
        assertThat(body.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(body.get("athleteId").asText()).isEqualTo(athlete);
        assertThat(body.get("sequence").asLong()).as("the athlete's first event").isEqualTo(1);
        assertThat(body.get("occurredAt").asText()).isEqualTo("2026-11-25T10:15:30Z");
        assertThat(body.get("reason").asText()).isEqualTo("REFRESH_REJECTED");
        assertThat(new String(record.headers().lastHeader(TokenEvents.TYPE_HEADER).value())).isEqualTo("TokenRevoked");
    }

    @Test
    void eventsOfOneTransactionArriveInOrderOnOnePartition() {
        String athlete = "athlete-" + UUID.randomUUID();
        Instant now = Instant.now();
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(TokenRefreshFailed.of(athlete, now, "invalid_grant", 400, "rejected", false, 1, null));
            events.publishEvent(TokenRevoked.of(athlete, now, TokenRevoked.Reason.REFRESH_REJECTED, "invalid_grant"));
        });

        List<ConsumerRecord<String, String>> mine = KafkaTopicReader
            .readUntil(TokenEvents.TOPIC, Duration.ofSeconds(30),
                    read -> read.stream().filter(r -> athlete.equals(r.key())).count() == 2)
            .stream().filter(r -> athlete.equals(r.key())).toList();

        assertThat(mine).extracting(r -> sequence(r) + ":" + type(r))
            .containsExactly("1:TokenRefreshFailed", "2:TokenRevoked");
        assertThat(mine).extracting(ConsumerRecord::partition).containsOnly(mine.get(0).partition());
    }

    @Test
    void eventOfRolledBackTransactionNeverReachesKafka() {
        String athlete = "athlete-" + UUID.randomUUID();
        String committedMarker = "marker-" + UUID.randomUUID();

        transactions.executeWithoutResult(tx -> {
            events.publishEvent(TokenRevoked.of(athlete, Instant.now(), TokenRevoked.Reason.DISCONNECTED, "rolled back"));
            tx.setRollbackOnly();
        });
        // A later committed event proves the lane is flowing: once it arrived, the rolled-back one would have too.
        transactions.executeWithoutResult(tx -> events.publishEvent(
                TokenRevoked.of(committedMarker, Instant.now(), TokenRevoked.Reason.DISCONNECTED, "committed")));

        List<ConsumerRecord<String, String>> records = KafkaTopicReader.readUntil(TokenEvents.TOPIC,
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> committedMarker.equals(r.key())));

        assertThat(records).extracting(ConsumerRecord::key).contains(committedMarker).doesNotContain(athlete);
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void eventsClaimedByAnInstanceThatDiedAreTakenOverOnceTheClaimExpiresAndLaterOnesWaitForThem() {
        String athlete = "athlete-" + UUID.randomUUID();
        // Another instance committed two events and died (kill -9) before sending them: they stay claimed by it.
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(TokenRefreshFailed.of(athlete, Instant.now(), "server_error", 503, "down", true, 1,
                    Instant.now()));
            events.publishEvent(TokenRevoked.of(athlete, Instant.now(), TokenRevoked.Reason.DISCONNECTED, "dead"));
            jdbc.sql("UPDATE event_outbox SET claim_owner = 'dead-instance', claimed_until = now() + interval '3 seconds'"
                    + " WHERE message_key = ?").param(athlete).update();
        });
        // This instance commits the athlete's next event: it must not overtake the dead instance's two.
        transactions.executeWithoutResult(tx -> events.publishEvent(AuthorizationCompleted.of(athlete, Instant.now(),
                "ATHLETE", "workouts:read", Instant.now().plusSeconds(600))));

        List<ConsumerRecord<String, String>> mine = KafkaTopicReader
            .readUntil(TokenEvents.TOPIC, Duration.ofSeconds(30),
                    read -> read.stream().filter(r -> athlete.equals(r.key())).count() == 3)
            .stream().filter(r -> athlete.equals(r.key())).toList();

        assertThat(mine).extracting(r -> sequence(r) + ":" + type(r))
            .containsExactly("1:TokenRefreshFailed", "2:TokenRevoked", "3:AuthorizationCompleted");
        assertThat(jdbc.sql("SELECT count(*) FROM event_outbox WHERE message_key = ?").param(athlete)
            .query(Long.class).single()).isZero();
    }

    @Autowired
    EventOutbox outbox;

    /**
     * The relay claims its next batch while the previous one is still in flight: those rows are not claimed again,
     * and their athletes' later rows wait for their acknowledgement.
     */
    @Test
    void aClaimLeavesRowsInFlightAndTheLaterRowsOfTheirAthletesAlone() {
        String owner = "relay-under-test-" + UUID.randomUUID();
        String inFlight = "athlete-" + UUID.randomUUID();
        String other = "athlete-" + UUID.randomUUID();
        try {
            transactions.executeWithoutResult(tx -> {
                for (String[] row : List.of(new String[] { inFlight, "1" }, new String[] { inFlight, "2" },
                        new String[] { other, "1" })) {
                    outbox.append(row[0], Long.parseLong(row[1]), TokenEvents.TOPIC, "TokenRevoked", "{}", owner,
                            Duration.ofMinutes(1));
                }
            });
            long sent = jdbc.sql("SELECT id FROM event_outbox WHERE message_key = ? AND sequence = 1").param(inFlight)
                .query(Long.class).single();

            List<OutboxRecord> claimed = transactions
                .execute(tx -> outbox.claim(owner, 10, Duration.ofMinutes(1), List.of(sent)));

            assertThat(claimed).extracting(r -> r.key() + ":" + r.sequence()).containsExactly(other + ":1");
        }
        finally {
            jdbc.sql("DELETE FROM event_outbox WHERE message_key IN (?, ?)").params(inFlight, other).update();
        }
    }

    private long sequence(ConsumerRecord<String, String> record) {
        try {
            return json.readTree(record.value()).get(TokenEvents.SEQUENCE).asLong();
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String type(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(TokenEvents.TYPE_HEADER).value());
    }
}
