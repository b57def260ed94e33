package com.podium.connect.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podium.connect.token.TokenEvents;

/**
 * Reads a token-events record into a {@link ReceivedEvent}: the type from the {@code podium-event-type} header,
 * the envelope fields (eventId, schemaVersion, athleteId, sequence, occurredAt) from the JSON value. Any other
 * field is kept as received. A type the topic does not carry ({@link TokenEvents#TYPES}) is malformed: it goes to
 * the dead-letter topic rather than into the audit log.
 */
@Component
class TokenEventParser {

    /** Column widths of audit_events: a longer value is a malformed event, not a database error to retry. */
    static final int MAX_ATHLETE_ID = 64;
    static final int MAX_EVENT_TYPE = 100;

    private final ObjectMapper json;

    TokenEventParser(ObjectMapper json) {
        this.json = json;
    }

    ReceivedEvent parse(ConsumerRecord<String, String> record) {
        String eventType = eventType(record);
        ObjectNode body = body(record.value());
        UUID eventId = uuid(body, "eventId");
        String athleteId = text(body, "athleteId", MAX_ATHLETE_ID);
        JsonNode version = body.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new MalformedEventException("schemaVersion missing or not an integer");
        }
        return new ReceivedEvent(eventId, athleteId, eventType, version.intValue(), sequence(body),
                instant(body, "occurredAt"), body, record.topic(), record.partition(), record.offset());
    }

    private static String eventType(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(TokenEvents.TYPE_HEADER);
        String type = header == null || header.value() == null ? ""
                : new String(header.value(), StandardCharsets.UTF_8).strip();
        if (type.isEmpty() || type.length() > MAX_EVENT_TYPE) {
            throw new MalformedEventException("header " + TokenEvents.TYPE_HEADER + " missing, empty or longer than "
                    + MAX_EVENT_TYPE + " characters");
        }
        if (!TokenEvents.TYPES.contains(type)) {
            // Named by length only: the value is not ours to vouch for (it could be markup or a log injection).
            throw new MalformedEventException("header " + TokenEvents.TYPE_HEADER + " is not a known event type ("
                    + type.length() + " characters); known: " + new TreeSet<>(TokenEvents.TYPES));
        }
        return type;
    }

    private ObjectNode body(String value) {
        if (value == null) {
            throw new MalformedEventException("record has no value");
        }
        try {
            if (json.readTree(value) instanceof ObjectNode object) {
                return object;
            }
        }
        catch (JsonProcessingException e) {
            // The parser's message quotes the value: keep it out of logs and the dead-letter headers.
            throw new MalformedEventException("value is not JSON (" + value.length() + " characters)");
        }
        throw new MalformedEventException("value is JSON but not an object");
    }

    /** The per-athlete sequence (schemaVersion 2 on); null for older events that have none. */
    private static Long sequence(ObjectNode body) {
        JsonNode node = body.get(TokenEvents.SEQUENCE);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 1) {
            throw new MalformedEventException(TokenEvents.SEQUENCE + " is not a whole number from 1");
        }
        return node.longValue();
    }

    private static UUID uuid(ObjectNode body, String field) {
        String text = text(body, field, 36);
        try {
            return UUID.fromString(text);
        }
        catch (IllegalArgumentException e) {
            throw new MalformedEventException(field + " is not a UUID");
        }
    }

    private static String text(ObjectNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MalformedEventException(field + " missing or not a non-empty string");
        }
        if (node.asText().length() > maxLength) {
            throw new MalformedEventException(field + " longer than " + maxLength + " characters");
        }
        return node.asText();
    }

    /** ISO-8601 text, as Spring Boot's ObjectMapper writes an Instant; epoch seconds tolerated. */
    private static Instant instant(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node != null && node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        }
        String text = text(body, field, 64);
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException e) {
            throw new MalformedEventException(field + " is not an ISO-8601 date-time");
        }
    }
}
