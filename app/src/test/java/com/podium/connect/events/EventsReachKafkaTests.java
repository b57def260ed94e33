package com.podium.connect.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.podium.testsupport.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TokenEvents;
import com.podium.connect.token.TokenRefreshFailed;
import com.podium.connect.token.TokenRevoked;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.KafkaTopicReader;

/** The outbox on the wire: committed events reach Kafka keyed by athlete; rolled-back ones never do. */
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
        assertThat(body.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(body.get("athleteId").asText()).isEqualTo(athlete);
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

        assertThat(mine).extracting(r -> new String(r.headers().lastHeader(TokenEvents.TYPE_HEADER).value()))
            .containsExactly("TokenRefreshFailed", "TokenRevoked");
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

    @Autowired
    ObjectMapper springJson;

    @Autowired
    IncompleteEventPublications incomplete;

    @Autowired
    CompletedEventPublications completed;

    @Test
    void anEventCommittedButNeverSentIsResubmittedAndReachesKafka() throws Exception {
        // Learn how the registry records our externalizer from a normal publication.
        String probe = "athlete-" + UUID.randomUUID();
        transactions.executeWithoutResult(tx -> events.publishEvent(
                TokenRevoked.of(probe, Instant.now(), TokenRevoked.Reason.DISCONNECTED, "probe")));
        KafkaTopicReader.readUntil(TokenEvents.TOPIC, Duration.ofSeconds(30),
                read -> read.stream().anyMatch(r -> probe.equals(r.key())));
        String listenerId = jdbc
            .sql("SELECT listener_id FROM event_publication WHERE serialized_event LIKE ? AND listener_id LIKE ?")
            .params("%" + probe + "%", "%" + KafkaEventExternalizer.class.getSimpleName() + "%")
            .query(String.class).single();

        // A crash between commit and send leaves exactly this behind: an incomplete publication.
        String athlete = "athlete-" + UUID.randomUUID();
        TokenRevoked lost = TokenRevoked.of(athlete, Instant.now(), TokenRevoked.Reason.REFRESH_REJECTED, "lost");
        jdbc.sql("""
                INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date)
                VALUES (?, ?, ?, ?, now() - interval '5 minutes')""")
            .params(UUID.randomUUID(), listenerId, TokenRevoked.class.getName(), springJson.writeValueAsString(lost))
            .update();

        new EventPublicationMaintenance(incomplete, completed, Duration.ofMinutes(1), Duration.ofDays(7)).maintain();

        List<ConsumerRecord<String, String>> records = KafkaTopicReader.readUntil(TokenEvents.TOPIC,
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> athlete.equals(r.key())));
        ConsumerRecord<String, String> resent = records.stream().filter(r -> athlete.equals(r.key())).findFirst()
            .orElseThrow(() -> new AssertionError("the incomplete publication was not resubmitted"));
        assertThat(json.readTree(resent.value()).get("eventId").asText()).isEqualTo(lost.eventId().toString());
        Poll.until("the resubmitted publication to complete", Duration.ofSeconds(10), () -> jdbc
            .sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE ? AND listener_id = ? AND completion_date IS NULL")
            .params("%" + athlete + "%", listenerId).query(Long.class).single() == 0);
    }
}
