package com.podium.connect.token.refresh;

import io.micrometer.core.instrument.Metrics;

/**
 * Counts refreshes whose result was discarded because the row changed meanwhile ({@code outcome="fenced"} of
 * {@code podium.token.refreshes}; the other outcomes are counted from the token events, which a fenced refresh does
 * not publish). Micrometer's global registry, to which Spring Boot adds its registries, keeps this a one-liner.
 */
final class FencedRefreshes {

    private FencedRefreshes() {
    }

    static void count() {
        Metrics.counter("podium.token.refreshes", "outcome", "fenced").increment();
    }
}
