package com.podium.connect.token;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;
import org.springframework.modulith.events.Externalized;

/**
 * The athlete's tokens are gone: the stored row was deleted and TrainingPeaks must be re-authorized.
 *
 * @param sequence this athlete's event number (1, 2, 3, ... in commit order), set on the way to Kafka; see
 *        {@link TokenEvents#SEQUENCE}
 * @param reason why, as a stable machine-readable value
 * @param detail a short human-readable explanation (never a token)
 */
@DomainEvent
@Externalized(TokenEvents.ROUTE)
public record TokenRevoked(UUID eventId, int schemaVersion, String athleteId, long sequence, Instant occurredAt,
        Reason reason, String detail) {

    public static final int SCHEMA_VERSION = 2;

    public enum Reason {
        /** TrainingPeaks rejected the refresh token ({@code invalid_grant}). */
        REFRESH_REJECTED,
        /**
         * TrainingPeaks rejected the refresh token ({@code invalid_grant}) after an earlier refresh whose answer never
         * reached us (deadline passed, answer refused, or the refresher died mid-call): TrainingPeaks most likely
         * rotated the token in that lost answer. "We lost TrainingPeaks' answer, please reconnect."
         */
        REFRESH_ANSWER_LOST,
        /**
         * Transient refresh failures went on past a limit. No longer published (only {@code invalid_grant} revokes);
         * kept so earlier events still parse.
         */
        REFRESH_FAILURES_EXHAUSTED,
        /** The user disconnected TrainingPeaks from Podium. */
        DISCONNECTED
    }

    public static TokenRevoked of(String athleteId, Instant now, Reason reason, String detail) {
        return new TokenRevoked(UUID.randomUUID(), SCHEMA_VERSION, athleteId,
                TokenEvents.UNSEQUENCED, now, reason, detail);
    }
}
