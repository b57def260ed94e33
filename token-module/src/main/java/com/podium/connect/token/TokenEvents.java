package com.podium.connect.token;

import java.util.Set;

/**
 * Where token lifecycle events go on Kafka. One topic for all four events, keyed by athlete id, so that one
 * athlete's grant, refreshes, failures and revocation stay in order on one partition.
 */
public final class TokenEvents {

    /** The Kafka topic of {@code AuthorizationCompleted}, {@link TokenRefreshed}, {@link TokenRefreshFailed}, {@link TokenRevoked}. */
    public static final String TOPIC = "podium.token-events";

    /** The {@code @Externalized} target: topic, then the SpEL key, the athlete id. */
    public static final String ROUTE = TOPIC + "::#{#this.athleteId()}";

    /** Kafka header carrying the event's simple type name, so consumers can pick a type before parsing. */
    public static final String TYPE_HEADER = "podium-event-type";

    /**
     * The JSON field {@value}: the athlete's event number, 1, 2, 3, ... without gaps, in the order the
     * transactions that published the events committed. Assigned by the event outbox in the publishing transaction
     * (schemaVersion 2 onwards). A consumer applies an athlete's events in sequence order and drops any event whose
     * sequence it has already applied (a redelivered copy).
     */
    public static final String SEQUENCE = "sequence";

    /** The values of {@link #TYPE_HEADER} this topic carries; a consumer dead-letters any other. */
    public static final Set<String> TYPES = Set.of("AuthorizationCompleted", "TokenRefreshed", "TokenRefreshFailed",
            "TokenRevoked");

    /** The {@code sequence} of an event object before the outbox numbered it (only ever seen in-process). */
    public static final long UNSEQUENCED = 0;

    private TokenEvents() {
    }
}
