package com.podium.connect.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The backlog of both outboxes, read at most once every {@link #MAX_AGE} per outbox, tagged {@code outbox}:
 * {@code kafka} ({@code event_outbox}: events the broker has not acknowledged yet) and {@code listeners}
 * (Spring Modulith's {@code event_publication}: in-process listeners that have not completed).
 * <ul>
 * <li>{@code podium.outbox.incomplete}: how many;
 * <li>{@code podium.outbox.oldest.age}: seconds since the oldest of them was written (0 when none). A growing age
 * means Kafka is unreachable or a listener keeps failing.
 * </ul>
 */
@Component
class OutboxGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(OutboxGauges.class);

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private static final Map<String, String> QUERIES = Map.of(
            "kafka", "SELECT count(*) AS incomplete, min(created_at) AS oldest, now() AS now FROM event_outbox",
            "listeners", """
                    SELECT count(*) AS incomplete, min(publication_date) AS oldest, now() AS now
                    FROM event_publication WHERE completion_date IS NULL""");

    private record Snapshot(long takenAt, double incomplete, double oldestAge) {
    }

    private static final Snapshot UNKNOWN = new Snapshot(0, Double.NaN, Double.NaN);

    private final JdbcClient jdbc;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    OutboxGauges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        QUERIES.keySet().forEach(outbox -> {
            gauge(registry, outbox, "podium.outbox.incomplete", null, "Outbox entries not completed yet",
                    Snapshot::incomplete);
            gauge(registry, outbox, "podium.outbox.oldest.age", "seconds", "Age of the oldest incomplete entry",
                    Snapshot::oldestAge);
        });
    }

    private void gauge(MeterRegistry registry, String outbox, String name, String unit, String description,
            ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.current(outbox)))
            .description(description)
            .baseUnit(unit)
            .tag("outbox", outbox)
            .register(registry);
    }

    private Snapshot current(String outbox) {
        Snapshot last = snapshots.get(outbox);
        if (last != null && System.nanoTime() - last.takenAt() < MAX_AGE.toNanos()) {
            return last;
        }
        try {
            Snapshot now = jdbc.sql(QUERIES.get(outbox))
                .query((rs, row) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    OffsetDateTime at = rs.getObject("now", OffsetDateTime.class);
                    return new Snapshot(System.nanoTime(), rs.getLong("incomplete"),
                            oldest == null ? 0 : Math.max(0, Duration.between(oldest, at).toMillis() / 1000.0));
                })
                .single();
            snapshots.put(outbox, now);
            return now;
        }
        catch (RuntimeException e) {
            log.debug("Outbox gauges of {} unavailable: {}", outbox, e.toString());
            return UNKNOWN;
        }
    }
}
