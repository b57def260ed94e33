package com.podium.connect.token;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;
import org.springframework.modulith.events.Externalized;

/**
 * An access token was refreshed. Carries no token value, only what an auditor or a UI needs.
 *
 * @param sequence this athlete's event number (1, 2, 3, ... in commit order), set on the way to Kafka; see
 *        {@link TokenEvents#SEQUENCE}
 * @param scope the scope TrainingPeaks granted with the new token
 * @param expiresAt when the new access token expires (UTC)
 * @param recovered true when this refresh ended a run of transient failures
 * @param tokenVersion the token row's version after the write: a per-athlete sequence for consumers
 */
@DomainEvent
@Externalized(TokenEvents.ROUTE)
public record TokenRefreshed(UUID eventId, int schemaVersion, String athleteId, long sequence, Instant occurredAt,
        String scope, Instant expiresAt, boolean recovered, long tokenVersion) {

    public static final int SCHEMA_VERSION = 2;

    public static TokenRefreshed of(String athleteId, Instant now, String scope, Instant expiresAt, boolean recovered,
            long tokenVersion) {
        return new TokenRefreshed(UUID.randomUUID(), SCHEMA_VERSION, athleteId,
                TokenEvents.UNSEQUENCED, now, scope, expiresAt, recovered,
                tokenVersion);
    }
}
