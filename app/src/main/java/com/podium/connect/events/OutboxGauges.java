package com.podium.connect.events;

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
 * The outbox backlog, from the event publication registry's table, at most once every {@link #MAX_AGE}:
 * {@code podium.outbox.incomplete} (publications not yet acknowledged by Kafka or a listener) and
 * {@code podium.outbox.oldest.age} (seconds since the oldest of them was published; 0 when none). A growing age
 * means the broker is unreachable or a listener keeps failing: resubmission runs every minute.
 */
@Component
class OutboxGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(OutboxGauges.class);

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private record Snapshot(long takenAt, double incomplete, double oldestAge) {
    }

    private static final Snapshot UNKNOWN = new Snapshot(0, Double.NaN, Double.NaN);

    private final JdbcClient jdbc;
    private volatile Snapshot snapshot;

    OutboxGauges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "podium.outbox.incomplete", null, "Event publications not completed yet", Snapshot::incomplete);
        gauge(registry, "podium.outbox.oldest.age", "seconds", "Age of the oldest incomplete event publication",
                Snapshot::oldestAge);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description,
            ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.current()))
            .description(description)
            .baseUnit(unit)
            .register(registry);
    }

    private Snapshot current() {
        Snapshot last = snapshot;
        if (last != null && System.nanoTime() - last.takenAt() < MAX_AGE.toNanos()) {
            return last;
        }
        try {
            snapshot = jdbc.sql("""
                    SELECT count(*) AS incomplete, min(publication_date) AS oldest, now() AS now
                    FROM event_publication WHERE completion_date IS NULL""")
                .query((rs, row) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    OffsetDateTime now = rs.getObject("now", OffsetDateTime.class);
                    return new Snapshot(System.nanoTime(), rs.getLong("incomplete"),
                            oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0));
                })
                .single();
            return snapshot;
        }
        catch (RuntimeException e) {
            log.debug("Outbox gauges unavailable: {}", e.toString());
            return UNKNOWN;
        }
    }
}
