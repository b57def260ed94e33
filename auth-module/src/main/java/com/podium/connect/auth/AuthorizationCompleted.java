package com.podium.connect.auth;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;
import org.springframework.modulith.events.Externalized;

import com.podium.connect.token.TokenEvents;

/**
 * A user connected TrainingPeaks: the authorization code was exchanged and the tokens stored.
 * Published in the same transaction as the token write. Carries no token value.
 *
 * @param sequence this athlete's event number (1, 2, 3, ... in commit order), set on the way to Kafka; see
 *        {@link TokenEvents#SEQUENCE}
 * @param role ATHLETE or COACH
 * @param scope the scope TrainingPeaks granted (may be narrower than the one asked for)
 * @param expiresAt when the first access token expires (UTC)
 */
@DomainEvent
@Externalized(TokenEvents.ROUTE)
public record AuthorizationCompleted(UUID eventId, int schemaVersion, String athleteId, long sequence,
        Instant occurredAt, String role, String scope, Instant expiresAt) {

    public static final int SCHEMA_VERSION = 2;

    public static AuthorizationCompleted of(String athleteId, Instant now, String role, String scope,
            Instant expiresAt) {
        return new AuthorizationCompleted(UUID.randomUUID(), SCHEMA_VERSION, athleteId,
                TokenEvents.UNSEQUENCED, now, role, scope, expiresAt);
    }
}
