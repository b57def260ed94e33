package com.podium.connect.token.health;

import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code tokenEndpoint} in {@code /actuator/health}: DOWN while TrainingPeaks refuses our client or requests, or
 * while revocations are paused, with the cause; UP otherwise. Reading it costs no network call.
 */
@Component
class TokenEndpointHealthIndicator implements HealthIndicator {

    private final TokenEndpointHealth state;

    TokenEndpointHealthIndicator(TokenEndpointHealth state) {
        this.state = state;
    }

    @Override
    public Health health() {
        Map<String, TokenEndpointHealth.Problem> problems = state.problems();
        if (problems.isEmpty()) {
            return Health.up().build();
        }
        Health.Builder down = Health.down();
        problems.values().forEach(p -> down.withDetail(p.cause(), Map.of("detail", p.detail(), "since",
                p.since().toString(), "last", p.last().toString(), "count", p.count())));
        return down.build();
    }
}
