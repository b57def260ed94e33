package com.podium.connect.token.storage;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.ToDoubleFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of the stored tokens, read from {@code oauth_tokens} with one aggregate query at most every
 * {@link #MAX_AGE}, however often the metrics are scraped:
 * <ul>
 * <li>{@code podium.tokens{state}}: {@code valid}, {@code retrying} (still valid, but refreshes are failing
 * transiently), {@code expired} (past {@code expires_at}: the refresh is overdue);
 * <li>{@code podium.tokens.soonest.expiry}: seconds until the soonest access token expires (negative when one
 * already has; NaN without tokens).
 * </ul>
 */
@Component
class TokenGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(TokenGauges.class);

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private record Snapshot(long takenAt, double valid, double retrying, double expired, double soonestExpiry) {
    }

    private static final Snapshot UNKNOWN = new Snapshot(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    private final JdbcClient jdbc;
    private volatile Snapshot snapshot;

    TokenGauges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        state(registry, "valid", Snapshot::valid);
        state(registry, "retrying", Snapshot::retrying);
        state(registry, "expired", Snapshot::expired);
        Gauge.builder("podium.tokens.soonest.expiry", this, gauges -> gauges.current().soonestExpiry())
            .description("Time until the soonest access token expires (negative: already expired)")
            .baseUnit("seconds")
            .register(registry);
    }

    private void state(MeterRegistry registry, String state, ToDoubleFunction<Snapshot> value) {
        Gauge.builder("podium.tokens", this, gauges -> value.applyAsDouble(gauges.current()))
            .description("Stored TrainingPeaks tokens by state")
            .tag("state", state)
            .register(registry);
    }

    private Snapshot current() {
        Snapshot last = snapshot;
        if (last != null && System.nanoTime() - last.takenAt() < MAX_AGE.toNanos()) {
            return last;
        }
        try {
            snapshot = jdbc.sql("""
                    SELECT count(*) FILTER (WHERE expires_at > now() AND failure_count = 0) AS valid,
                           count(*) FILTER (WHERE expires_at > now() AND failure_count > 0) AS retrying,
                           count(*) FILTER (WHERE expires_at <= now()) AS expired,
                           min(expires_at) AS soonest, now() AS now
                    FROM oauth_tokens""")
                .query((rs, row) -> {
                    OffsetDateTime soonest = rs.getObject("soonest", OffsetDateTime.class);
                    OffsetDateTime now = rs.getObject("now", OffsetDateTime.class);
                    return new Snapshot(System.nanoTime(), rs.getLong("valid"), rs.getLong("retrying"),
                            rs.getLong("expired"),
                            soonest == null ? Double.NaN : Duration.between(now, soonest).toMillis() / 1000.0);
                })
                .single();
            return snapshot;
        }
        catch (RuntimeException e) {
            log.debug("Token gauges unavailable: {}", e.toString());
            return UNKNOWN;
        }
    }
}
