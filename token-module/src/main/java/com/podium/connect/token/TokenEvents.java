package com.podium.connect.token;

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

    private TokenEvents() {
    }
}
