package com.podium.connect.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TokenEvents;

class TokenEventParserTest {

    final TokenEventParser parser = new TokenEventParser(new ObjectMapper());

    @Test
    void readsTheEnvelopeAndKeepsEveryField() {
        UUID id = UUID.randomUUID();
        ReceivedEvent event = parser.parse(record("TokenRefreshed", """
                {"eventId":"%s","schemaVersion":2,"athleteId":"a-42","occurredAt":"2026-11-25T10:15:30.123Z",
                 "scope":"workouts:read","futureField":true}""".formatted(id)));

        assertThat(event.eventId()).isEqualTo(id);
        assertThat(event.eventType()).isEqualTo("TokenRefreshed");
        assertThat(event.schemaVersion()).isEqualTo(2);
        assertThat(event.athleteId()).isEqualTo("a-42");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-25T10:15:30.123Z"));
        assertThat(event.payload().get("futureField").asBoolean()).isTrue();
        assertThat(event.partition()).isEqualTo(2);
        assertThat(event.offset()).isEqualTo(17);
    }

    @Test
    void acceptsEpochSecondsForOccurredAt() {
        ReceivedEvent event = parser.parse(record("TokenRevoked", """
                {"eventId":"%s","schemaVersion":1,"athleteId":"a","occurredAt":1795601730.5}"""
            .formatted(UUID.randomUUID())));

        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1795601730, 500_000_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<html>502 Bad Gateway</html>",
        "[1,2]",
        "{\"schemaVersion\":1,\"athleteId\":\"a\",\"occurredAt\":\"2026-11-25T10:15:30Z\"}",
        "{\"eventId\":\"not-a-uuid\",\"schemaVersion\":1,\"athleteId\":\"a\",\"occurredAt\":\"2026-11-25T10:15:30Z\"}",
        "{\"eventId\":\"6f1c1c1e-2b7a-4d55-9d0e-0c1b2a3d4e5f\",\"athleteId\":\"a\",\"occurredAt\":\"2026-11-25T10:15:30Z\"}",
        "{\"eventId\":\"6f1c1c1e-2b7a-4d55-9d0e-0c1b2a3d4e5f\",\"schemaVersion\":1,\"occurredAt\":\"2026-11-25T10:15:30Z\"}",
        "{\"eventId\":\"6f1c1c1e-2b7a-4d55-9d0e-0c1b2a3d4e5f\",\"schemaVersion\":1,\"athleteId\":\"a\",\"occurredAt\":\"yesterday\"}"})
    void malformedValuesAreRejected(String value) {
        assertThatThrownBy(() -> parser.parse(record("TokenRevoked", value)))
            .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aRecordWithoutTypeHeaderIsMalformed() {
        String value = """
                {"eventId":"%s","schemaVersion":1,"athleteId":"a","occurredAt":"2026-11-25T10:15:30Z"}"""
            .formatted(UUID.randomUUID());
        assertThatThrownBy(() -> parser.parse(record(null, value))).isInstanceOf(MalformedEventException.class)
            .hasMessageContaining(TokenEvents.TYPE_HEADER);
    }

    @Test
    void theMessageNeverQuotesTheValue() {
        assertThatThrownBy(() -> parser.parse(record("TokenRevoked", "{\"refresh_token\": secret-value")))
            .isInstanceOf(MalformedEventException.class).hasMessageNotContaining("secret-value");
    }

    private static ConsumerRecord<String, String> record(String type, String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(TokenEvents.TOPIC, 2, 17, "a", value);
        if (type != null) {
            record.headers().add(TokenEvents.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
