package com.podium.connect.sync;

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
 * Gauges of the background sync, from one aggregate query of {@code tp_sync_accounts} at most every
 * {@link #MAX_AGE}, however often the metrics are scraped (like the token gauges):
 * <ul>
 * <li>{@code podium.sync.accounts{state}}: {@code synced} (last sync went well), {@code failing} (the last one
 * failed: TrainingPeaks down or refusing), {@code overdue} (due longer than a poll ago and nobody syncing it);
 * <li>{@code podium.sync.oldest.age}: seconds since the least recently synced account's data was read (NaN with
 * none): what the oldest "as of" on a page can be.
 * </ul>
 */
@Component
class SyncGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(SyncGauges.class);

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private record Snapshot(long takenAt, double synced, double failing, double overdue, double oldestAge) {
    }

    private static final Snapshot UNKNOWN = new Snapshot(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    private final JdbcClient jdbc;
    private volatile Snapshot snapshot;

    SyncGauges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        state(registry, "synced", Snapshot::synced);
        state(registry, "failing", Snapshot::failing);
        state(registry, "overdue", Snapshot::overdue);
        Gauge.builder("podium.sync.oldest.age", this, gauges -> gauges.current().oldestAge())
            .description("Time since the least recently synced account's TrainingPeaks data was read")
            .baseUnit("seconds")
            .register(registry);
    }

    private void state(MeterRegistry registry, String state, ToDoubleFunction<Snapshot> value) {
        Gauge.builder("podium.sync.accounts", this, gauges -> value.applyAsDouble(gauges.current()))
            .description("Accounts whose TrainingPeaks data the background sync keeps, by state")
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
                    SELECT count(*) FILTER (WHERE last_problem IS NULL AND synced_at IS NOT NULL) AS synced,
                           count(*) FILTER (WHERE last_problem IS NOT NULL) AS failing,
                           count(*) FILTER (WHERE next_sync_at < now() - interval '1 minute'
                                              AND (lease_until IS NULL OR lease_until < now())) AS overdue,
                           min(synced_at) AS oldest, now() AS now
                      FROM tp_sync_accounts""")
                .query((rs, row) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    OffsetDateTime now = rs.getObject("now", OffsetDateTime.class);
                    return new Snapshot(System.nanoTime(), rs.getLong("synced"), rs.getLong("failing"),
                            rs.getLong("overdue"),
                            oldest == null ? Double.NaN : Duration.between(oldest, now).toMillis() / 1000.0);
                })
                .single();
            return snapshot;
        }
        catch (RuntimeException e) {
            log.debug("Sync gauges unavailable: {}", e.toString());
            return UNKNOWN;
        }
    }
}
