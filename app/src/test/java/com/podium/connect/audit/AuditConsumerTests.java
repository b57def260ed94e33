package com.podium.connect.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TokenEvents;
import com.podium.connect.token.TokenRefreshFailed;
import com.podium.connect.token.TokenRevoked;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.KafkaTopicReader;

/** The audit consumer on a real broker and a real database: once per event, append-only, never stuck. */
@IntegrationTest
class AuditConsumerTests {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    AuditEventRepository auditLog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ObjectMapper json;

    final RawTokenEvents kafka = new RawTokenEvents();

    @AfterEach
    void closeProducer() {
        kafka.close();
    }

    @Test
    void redeliveredEventIsStoredOnce() throws Exception {
        String athlete = "athlete-" + UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String event = RawTokenEvents.revokedJson(eventId, athlete, Instant.parse("2026-11-25T10:15:30Z"), "bye");

        kafka.send(athlete, "TokenRevoked", event);
        kafka.send(athlete, "TokenRevoked", event);
        UUID marker = sendMarker(athlete);

        // The marker is behind both copies on the athlete's partition: once it is stored, both copies were handled.
        awaitStored(marker);
        assertThat(auditLog.countByEventId(eventId)).isEqualTo(1);
        var row = jdbc.queryForMap("SELECT * FROM audit_events WHERE event_id = ?", eventId);
        assertThat(row).containsEntry("athlete_id", athlete).containsEntry("event_type", "TokenRevoked")
            .containsEntry("schema_version", 1).containsEntry("kafka_topic", TokenEvents.TOPIC);
        assertThat(json.readTree(row.get("payload").toString())).isEqualTo(json.readTree(event));
    }

    @Test
    void eventsPublishedThroughTheOutboxAreAuditedOnceEvenWhenSentAgain() throws Exception {
        String athlete = "athlete-" + UUID.randomUUID();
        TokenRefreshFailed failed = TokenRefreshFailed.of(athlete, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "invalid_grant", 400, "rejected", false, 1, null);
        TokenRevoked revoked = TokenRevoked.of(athlete, Instant.now(), TokenRevoked.Reason.REFRESH_REJECTED,
                "invalid_grant");

        transactions.executeWithoutResult(tx -> {
            events.publishEvent(failed);
            events.publishEvent(revoked);
        });
        awaitStored(revoked.eventId());
        // A redelivery of the same event (what an outbox resubmission after a lost acknowledgement produces).
        kafka.send(athlete, "TokenRevoked", json.writeValueAsString(revoked));
        UUID marker = sendMarker(athlete);
        awaitStored(marker);

        assertThat(jdbc.queryForList("SELECT event_id FROM audit_events WHERE athlete_id = ? ORDER BY kafka_offset",
                UUID.class, athlete)).containsExactly(failed.eventId(), revoked.eventId(), marker);
        assertThat(jdbc.queryForList("SELECT event_type FROM audit_events WHERE athlete_id = ? ORDER BY kafka_offset",
                String.class, athlete)).containsExactly("TokenRefreshFailed", "TokenRevoked", "TokenRevoked");
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
        String athlete = "athlete-" + UUID.randomUUID();
        String notJson = "<html>502 Bad Gateway " + athlete + "</html>";
        String noEventId = """
                {"schemaVersion":1,"athleteId":"%s","occurredAt":"2026-11-25T10:15:30Z"}""".formatted(athlete);

        kafka.send(athlete, "TokenRevoked", notJson);
        kafka.send(athlete, "TokenRevoked", noEventId);
        UUID later = sendMarker(athlete);

        awaitStored(later);
        List<ConsumerRecord<String, String>> dead = KafkaTopicReader.readUntil(TokenEvents.TOPIC + ".DLT", WAIT,
                read -> read.stream().filter(r -> athlete.equals(r.key())).count() >= 2)
            .stream().filter(r -> athlete.equals(r.key())).toList();
        assertThat(dead).extracting(ConsumerRecord::value).contains(notJson, noEventId);
        ConsumerRecord<String, String> deadNotJson = dead.stream().filter(r -> notJson.equals(r.value())).findFirst()
            .orElseThrow();
        assertThat(header(deadNotJson, "kafka_dlt-original-offset")).isNotNull();
        assertThat(header(deadNotJson, "kafka_dlt-exception-message")).contains("not JSON")
            .doesNotContain("502 Bad Gateway");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_events WHERE athlete_id = ?", Long.class, athlete))
            .isEqualTo(1);
    }

    @Test
    void anUnknownEventTypeIsDeadLetteredNotAudited() throws Exception {
        String athlete = "athlete-" + UUID.randomUUID();
        UUID unknownId = UUID.randomUUID();
        String wellFormed = """
                {"eventId":"%s","schemaVersion":2,"athleteId":"%s","sequence":1,"occurredAt":"2026-11-25T10:15:30Z"}"""
            .formatted(unknownId, athlete);

        kafka.send(athlete, "<script>alert(1)</script>", wellFormed);
        UUID later = sendMarker(athlete);

        awaitStored(later);
        List<ConsumerRecord<String, String>> dead = KafkaTopicReader.readUntil(TokenEvents.TOPIC + ".DLT", WAIT,
                read -> read.stream().anyMatch(r -> athlete.equals(r.key())))
            .stream().filter(r -> athlete.equals(r.key())).toList();
        // Dead-lettering is at least once too (a rebalance may repeat it): every copy is the record as sent.
        assertThat(dead).extracting(ConsumerRecord::value).isNotEmpty().containsOnly(wellFormed);
        assertThat(header(dead.get(0), "kafka_dlt-exception-message")).contains("not a known event type")
            .doesNotContain("script");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_events WHERE event_id = ?", Long.class, unknownId))
            .isZero();
    }

    @Test
    void theSequenceIsStoredAndOrdersTheAthletesEvents() throws Exception {
        String athlete = "athlete-" + UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        // Sent out of order on purpose, with the second stamped earlier by a clock running behind.
        kafka.send(athlete, "TokenRevoked", """
                {"eventId":"%s","schemaVersion":2,"athleteId":"%s","sequence":2,"occurredAt":"2026-11-25T10:15:00Z",
                 "reason":"DISCONNECTED"}""".formatted(second, athlete));
        kafka.send(athlete, "AuthorizationCompleted", """
                {"eventId":"%s","schemaVersion":2,"athleteId":"%s","sequence":1,"occurredAt":"2026-11-25T10:15:30Z"}"""
            .formatted(first, athlete));
        awaitStored(first);
        awaitStored(second);

        assertThat(jdbc.queryForList("SELECT sequence FROM audit_events WHERE athlete_id = ? ORDER BY kafka_offset",
                Long.class, athlete)).containsExactly(2L, 1L);
        assertThat(auditLog.findForAthlete(athlete, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"),
                Limit.of(10))).extracting(AuditEvent::eventId).containsExactly(first, second);
    }

    @Test
    void tokenLikeFieldsAreStoredRedacted() throws Exception {
        String athlete = "athlete-" + UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String leaking = """
                {"eventId":"%s","schemaVersion":1,"athleteId":"%s","occurredAt":"2026-11-25T10:15:30Z",
                 "access_token":"secret-access-value","nested":{"refreshToken":"secret-refresh-value"},
                 "tokenVersion":7}""".formatted(eventId, athlete);

        kafka.send(athlete, "TokenRefreshed", leaking);
        awaitStored(eventId);

        String payload = jdbc.queryForObject("SELECT payload::text FROM audit_events WHERE event_id = ?", String.class,
                eventId);
        assertThat(payload).doesNotContain("secret-access-value").doesNotContain("secret-refresh-value");
        JsonNode stored = json.readTree(payload);
        assertThat(stored.get("access_token").asText()).isEqualTo(TokenFieldRedactor.REDACTED);
        assertThat(stored.get("nested").get("refreshToken").asText()).isEqualTo(TokenFieldRedactor.REDACTED);
        assertThat(stored.get("tokenVersion").asInt()).isEqualTo(7);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAuditRows() throws Exception {
        String athlete = "athlete-" + UUID.randomUUID();
        UUID eventId = sendMarker(athlete);
        awaitStored(eventId);

        assertThatThrownBy(() -> jdbc.update("UPDATE audit_events SET event_type = 'Forged' WHERE event_id = ?",
                eventId)).isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_events WHERE event_id = ?", eventId))
            .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
        assertThat(auditLog.countByEventId(eventId)).isEqualTo(1);
    }

    private UUID sendMarker(String athlete) throws Exception {
        UUID marker = UUID.randomUUID();
        kafka.send(athlete, "TokenRevoked", RawTokenEvents.revokedJson(marker, athlete, Instant.now(), "marker"));
        return marker;
    }

    private void awaitStored(UUID eventId) throws InterruptedException {
        RawTokenEvents.await("audit row for " + eventId, WAIT, () -> auditLog.countByEventId(eventId) > 0);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
