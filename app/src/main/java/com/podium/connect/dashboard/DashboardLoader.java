package com.podium.connect.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.DateRange;
import com.podium.connect.apiclient.Metric;
import com.podium.connect.apiclient.Workout;
import com.podium.connect.auth.ConnectionCard;
import com.podium.connect.auth.ConnectionPrompts;
import com.podium.connect.auth.ConnectionStatus;
import com.podium.connect.auth.LocalTimes;
import com.podium.connect.dashboard.load.DateRanges;
import com.podium.connect.dashboard.load.WeeklyVolume;
import com.podium.connect.sync.SyncedData;

/**
 * Gathers an athlete page without ever waiting on TrainingPeaks longer than the page's time budget. The data comes
 * from the store the background sync keeps fresh (one query, with its "as of" time); only what the store does not
 * hold yet (an account that just connected) is fetched from TrainingPeaks, all parts in parallel, under the budget.
 * Each load also makes one cheap uncached call (the profile) in parallel, so a grant TrainingPeaks revoked is found
 * on the load itself when TrainingPeaks answers in time; a page the store can answer waits for it at most
 * {@code check-wait}. The connection comes from the one place that knows it
 * (the auth module): anything but connected costs no TrainingPeaks call.
 */
@Component
class DashboardLoader {

    private final ConnectionPrompts connections;
    private final FreshOrLastGood fetches;
    private final DashboardProperties properties;
    private final SyncedData store;
    private final Clock clock = Clock.systemUTC();

    DashboardLoader(ConnectionPrompts connections, FreshOrLastGood fetches, DashboardProperties properties,
            SyncedData store) {
        this.connections = connections;
        this.fetches = fetches;
        this.properties = properties;
        this.store = store;
    }

    /**
     * @param own whether the reader owns the connection the page reads through (only then does the card offer buttons)
     * @param readerZone the reader's zone, used until TrainingPeaks told us the athlete's
     */
    Dashboard load(Reader reader, boolean own, ZoneId readerZone) {
        Instant started = clock.instant();
        Instant deadline = started.plus(properties.pageBudget());
        ConnectionStatus status = connections.connectionStatus(reader.account());
        String fallbackTitle = reader.coachView() ? Reader.Person.of(reader.coached()).name() : "Your training";
        if (!status.isConnected()) {
            return new Dashboard(fallbackTitle, reader.path(), reader.coachView(),
                    ConnectionCard.of(status, readerZone, own), readerZone, now(readerZone), false, null);
        }
        CompletableFuture<AthleteProfile> check = fetches.start(reader.key() + "|check", reader::check);
        if (!reader.coachView()) {
            // The newest profile there is: kept off the request thread, also when it comes after the page went out.
            check.thenAccept(profile -> store.keepProfile(reader.account(), profile));
        }
        Optional<SyncedData.Synced> stored = store.read(reader.account(), reader.subject());
        if (stored.isEmpty()) {
            store.enroll(reader.account());
        }
        AthleteProfile profile = reader.coachView() ? reader.coached()
                : stored.map(SyncedData.Synced::profile).orElse(null);
        Section<AthleteProfile> checked = null;
        if (profile == null) {
            checked = fetches.await(reader.key() + "|check", check, deadline);
            if (!checked.ok()) {
                return answer(reader, own, readerZone, fallbackTitle, false,
                        Section.failed(checked.problem(), checked.needsReauthorization()));
            }
            profile = checked.data();
        }
        Reader.Person athlete = Reader.Person.of(profile);
        LocalDate today = LocalDate.now(athlete.zone());
        // Up to Sunday: this week's planned workouts count against what is done.
        LocalDate from = Training.firstDay(today);
        LocalDate to = WeeklyVolume.monday(today).plusDays(6);
        List<DateRange> ranges = DateRanges.covering(from, to);
        SyncedData.Synced synced = stored.orElse(null);
        boolean storedWorkouts = synced != null && synced.workoutsCover(from, to);
        // A basic athlete has no metrics: TrainingPeaks answers 403, so we do not ask.
        boolean storedMetrics = !athlete.premium() || synced != null && synced.metricsCover(from, today);
        CompletableFuture<List<Workout>> workoutFetch = storedWorkouts ? null
                : fetches.startAll(reader.key() + "|workouts",
                        parts(reader.key() + "|workouts|", ranges, range -> () -> reader.workouts(range)));
        CompletableFuture<List<Metric>> metricFetch = storedMetrics ? null
                : fetches.startAll(reader.key() + "|metrics",
                        parts(reader.key() + "|metrics|", ranges, range -> () -> reader.metrics(range)));
        Section<List<Workout>> workouts = storedWorkouts ? Section.fresh(synced.workouts(), synced.workoutsAsOf())
                : fetches.await(reader.key() + "|workouts", workoutFetch, deadline);
        Section<List<Metric>> metrics = !athlete.premium() ? Section.fresh(List.of(), clock.instant())
                : storedMetrics ? Section.fresh(synced.metrics(), synced.metricsAsOf())
                : fetches.await(reader.key() + "|metrics", metricFetch, deadline);
        if (checked == null) {
            // The page has its data: the check may hold it only briefly (a late check still runs, for the next load).
            checked = fetches.await(reader.key() + "|check", check, properties.checkDeadline(started, deadline));
        }
        Section<Training> training = training(workouts, metrics, today, athlete.premium());
        if (!checked.ok() || checked.stale()) {
            // Nothing from this check yet is slowness, not "loading": the data shown is there.
            training = asLastGood(training,
                    Section.LOADING.equals(checked.problem()) ? Section.SLOW : checked.problem());
        }
        return answer(reader, own, athlete.zone(), athlete.name().isEmpty() ? fallbackTitle : athlete.name(),
                athlete.premium(), training);
    }

    /** TrainingPeaks did not answer this load's check in time or failed it: the data shown is its last good answer. */
    private static Section<Training> asLastGood(Section<Training> training, String why) {
        if (!training.ok() || training.stale() || why == null) {
            return training;
        }
        return Section.stale(training.data(), training.asOf(), why);
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

    private String now(ZoneId zone) {
        return LocalTimes.minute(clock.instant(), zone);
    }
}
