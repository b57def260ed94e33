package com.podium.connect.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.podium.connect.apiclient.ApiClientProperties;
import com.podium.connect.apiclient.DateRange;
import com.podium.connect.apiclient.Metric;
import com.podium.connect.apiclient.ReauthorizationRequiredException;
import com.podium.connect.apiclient.SyncScheduler;
import com.podium.connect.apiclient.Workout;
import com.podium.connect.auth.ConnectionCard;
import com.podium.connect.auth.ConnectionPrompts;
import com.podium.connect.auth.ConnectionStatus;
import com.podium.connect.auth.LocalTimes;
import com.podium.connect.dashboard.load.DateRanges;
import com.podium.connect.dashboard.load.WeeklyVolume;

/**
 * Gathers an athlete page without ever waiting on TrainingPeaks longer than the page's time budget: who the athlete
 * is, then their workouts and (Premium) metrics of the last 132 days (90 shown, 42 to warm fitness up; three 45-day
 * requests each), all in parallel; whatever is late shows its last good answer with its time. The connection comes
 * from the one place that knows it (the auth module): anything but connected costs no TrainingPeaks call, and a
 * call that finds the access revoked is reflected on this very load.
 */
@Component
class DashboardLoader {

    private final ConnectionPrompts connections;
    private final FreshOrLastGood fetches;
    private final DashboardProperties properties;
    private final SyncScheduler syncs;
    private final ApiClientProperties apiProperties;
    private final Clock clock = Clock.systemUTC();

    DashboardLoader(ConnectionPrompts connections, FreshOrLastGood fetches, DashboardProperties properties,
            SyncScheduler syncs, ApiClientProperties apiProperties) {
        this.connections = connections;
        this.fetches = fetches;
        this.properties = properties;
        this.syncs = syncs;
        this.apiProperties = apiProperties;
    }

    /**
     * @param own whether the reader owns the connection the page reads through (only then does the card offer buttons)
     * @param readerZone the reader's zone, used until TrainingPeaks told us the athlete's
     */
    Dashboard load(Reader reader, boolean own, ZoneId readerZone) {
        Instant deadline = clock.instant().plus(properties.pageBudget());
        ConnectionStatus status = connections.connectionStatus(reader.account());
        String fallbackTitle = reader.coachView() ? Reader.Person.of(reader.coached()).name() : "Your training";
        if (!status.isConnected()) {
            return new Dashboard(fallbackTitle, reader.path(), reader.coachView(),
                    ConnectionCard.of(status, readerZone, own), readerZone, now(readerZone), false, null);
        }
        Section<Reader.Person> person = fetches.await(reader.key() + "|person",
                fetches.start(reader.key() + "|person", reader::person), deadline);
        if (!person.ok()) {
            return answer(reader, own, readerZone, fallbackTitle, false,
                    Section.failed(person.problem(), person.needsReauthorization()));
        }
        Reader.Person athlete = person.data();
        LocalDate today = LocalDate.now(athlete.zone());
        // Up to Sunday: this week's planned workouts count against what is done.
        List<DateRange> ranges = DateRanges.covering(Training.firstDay(today), WeeklyVolume.monday(today).plusDays(6));
        CompletableFuture<List<Workout>> workoutFetch = fetches.startAll(reader.key() + "|workouts",
                parts(reader.key() + "|workouts|", ranges, range -> () -> reader.workouts(range)));
        // A basic athlete has no metrics: TrainingPeaks answers 403, so we do not ask.
        CompletableFuture<List<Metric>> metricFetch = athlete.premium()
                ? fetches.startAll(reader.key() + "|metrics",
                        parts(reader.key() + "|metrics|", ranges, range -> () -> reader.metrics(range)))
                : CompletableFuture.completedFuture(List.of());
        Section<List<Workout>> workouts = fetches.await(reader.key() + "|workouts", workoutFetch, deadline);
        Section<List<Metric>> metrics = fetches.await(reader.key() + "|metrics", metricFetch, deadline);
        keepFresh(reader);
        return answer(reader, own, athlete.zone(), athlete.name().isEmpty() ? fallbackTitle : athlete.name(),
                athlete.premium(), training(workouts, metrics, today, athlete.premium()));
    }

    private Dashboard answer(Reader reader, boolean own, ZoneId zone, String title, boolean premium,
            Section<Training> training) {
        // A call may just have found the access revoked (and revoked it, recorded in the same transaction).
        ConnectionStatus status = connections.connectionStatus(reader.account());
        return new Dashboard(title, reader.path(), reader.coachView(), ConnectionCard.of(status, zone, own), zone,
                now(zone), premium, status.isConnected() ? training : null);
    }

    /** Training needs the workouts; without metrics it still shows the load, and says what is missing. */
    private static Section<Training> training(Section<List<Workout>> workouts, Section<List<Metric>> metrics,
            LocalDate today, boolean premium) {
        if (!workouts.ok()) {
            return Section.failed(workouts.problem(), workouts.needsReauthorization());
        }
        Training training = Training.of(workouts.data(), metrics.ok() ? metrics.data() : List.of(), today, premium);
        boolean stale = workouts.stale() || metrics.stale() || !metrics.ok();
        String problem = workouts.problem() != null ? workouts.problem() : metrics.problem();
        Instant asOf = metrics.asOf() != null && metrics.asOf().isBefore(workouts.asOf()) ? metrics.asOf()
                : workouts.asOf();
        return new Section<>(training, problem, false, asOf, stale);
    }

    static <T> Map<String, Supplier<List<T>>> parts(String keyPrefix, List<DateRange> ranges,
            java.util.function.Function<DateRange, Supplier<List<T>>> fetch) {
        Map<String, Supplier<List<T>>> parts = new LinkedHashMap<>();
        ranges.forEach(range -> parts.put(keyPrefix + range, fetch.apply(range)));
        return parts;
    }

    /** A background sync keeps the account's token and recent data warm, and finds a revocation without a reader. */
    private void keepFresh(Reader reader) {
        if (!reader.coachView() && !syncs.isScheduled(reader.account())) {
            try {
                syncs.schedule(reader.account(), apiProperties.syncInterval());
            }
            catch (ReauthorizationRequiredException revokedMeanwhile) {
                // the next load shows the card
            }
        }
    }

    private String now(ZoneId zone) {
        return LocalTimes.minute(clock.instant(), zone);
    }
}
