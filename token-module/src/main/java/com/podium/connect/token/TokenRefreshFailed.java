package com.podium.connect.token;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;
import org.springframework.modulith.events.Externalized;

/**
 * A refresh attempt failed. Terminal failures are followed by {@link TokenRevoked}; retryable ones say when the
 * next attempt is due.
 *
 * @param sequence this athlete's event number (1, 2, 3, ... in commit order), set on the way to Kafka; see
 *        {@link TokenEvents#SEQUENCE}
 * @param errorCode the provider's OAuth error code (e.g. {@code invalid_grant}) or our own classification
 *        ({@code non_json_body}, {@code timeout}, {@code server_error}, ...)
 * @param httpStatus the HTTP status TrainingPeaks answered with, or null when no answer came
 * @param detail a short, sanitised description (never a token)
 * @param retryable whether another attempt will be made
 * @param attempt how many consecutive attempts have failed, this one included
 * @param nextAttemptAt when the next attempt is due, or null when none will be made
 */
@DomainEvent
@Externalized(TokenEvents.ROUTE)
public record TokenRefreshFailed(UUID eventId, int schemaVersion, String athleteId, long sequence, Instant occurredAt,
        String errorCode, Integer httpStatus, String detail, boolean retryable, int attempt, Instant nextAttemptAt) {

    public static final int SCHEMA_VERSION = 2;

    public static TokenRefreshFailed of(String athleteId, Instant now, String errorCode, Integer httpStatus,
            String detail, boolean retryable, int attempt, Instant nextAttemptAt) {
        return new TokenRefreshFailed(UUID.randomUUID(), SCHEMA_VERSION, athleteId,
                TokenEvents.UNSEQUENCED, now, errorCode, httpStatus, detail,
                retryable, attempt, nextAttemptAt);
    }
}
