package com.podium.connect.events;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Component {@code eventDelivery}: the outbox backlog ({@code pending}, {@code oldestAgeSeconds}) and whether this
 * instance's relay is failing to reach Kafka, which makes it {@code DEGRADED} (HTTP 200): events wait, none is
 * lost, the instance stays in service.
 */
@Component
class EventDeliveryHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "events wait in the outbox until Kafka answers");

    private final EventOutbox outbox;
    private final EventRelay relay;

    EventDeliveryHealthIndicator(EventOutbox outbox, EventRelay relay) {
        this.outbox = outbox;
        this.relay = relay;
    }

    @Override
    public Health health() {
        EventOutbox.Backlog backlog = outbox.backlog();
        Health.Builder health = relay.failing() ? Health.status(DEGRADED) : Health.up();
        health.withDetail("pending", backlog.pending()).withDetail("relayRunning", relay.isRunning());
        backlog.oldest().ifPresent(oldest -> health.withDetail("oldestAgeSeconds",
                Math.max(0, Duration.between(oldest, Instant.now()).toSeconds())));
        return health.build();
    }
}
