package com.podium.connect.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A validated {@code GET /api/audit/events} query: one athlete, {@code from <= occurredAt < to}, at most
 * {@code limit} rows. Built from the raw request parameters so every mistake gets its own clear message.
 */
record AuditQuery(String athleteId, Instant from, Instant to, int limit) {

    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;
    /** Open ends of the range: before any event and far beyond any (PostgreSQL timestamptz holds both). */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** The years a bound may name: what PostgreSQL and the JDBC driver store faithfully. */
    static final Instant FIRST_STORABLE = Instant.parse("0001-01-01T00:00:00Z");

    static AuditQuery parse(String athleteId, String from, String to, String limit) {
        if (athleteId == null || athleteId.isBlank()) {
            throw new InvalidAuditQueryException("athleteId is required");
        }
        if (athleteId.length() > TokenEventParser.MAX_ATHLETE_ID) {
            throw new InvalidAuditQueryException(
                    "athleteId is longer than " + TokenEventParser.MAX_ATHLETE_ID + " characters");
        }
        if (athleteId.chars().anyMatch(Character::isISOControl)) {
            // A NUL byte would reach PostgreSQL, which refuses it in text.
            throw new InvalidAuditQueryException("athleteId must not contain control characters");
        }
        Instant start = instant("from", from, EARLIEST);
        Instant end = instant("to", to, LATEST);
        if (start.isAfter(end)) {
            throw new InvalidAuditQueryException("from (" + start + ") is after to (" + end + ")");
        }
        return new AuditQuery(athleteId.strip(), start, end, limit(limit));
    }

    private static Instant instant(String name, String value, Instant absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.strip()).toInstant();
        }
        catch (DateTimeParseException e) {
            throw new InvalidAuditQueryException(name + " must be an ISO-8601 date-time with offset, e.g. "
                    + "2026-11-25T00:00:00Z (URL-encode '+' as %2B)");
        }
        if (instant.isBefore(FIRST_STORABLE) || instant.isAfter(LATEST)) {
            throw new InvalidAuditQueryException(name + " must be between " + FIRST_STORABLE + " and " + LATEST);
        }
        return instant;
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidAuditQueryException("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
