package com.podium.connect.dashboard;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.DateRange;
import com.podium.connect.apiclient.Metric;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.apiclient.Workout;
import com.podium.connect.auth.ConnectionCard;
import com.podium.connect.auth.ConnectionPrompts;
import com.podium.connect.auth.ConnectionStatus;
import com.podium.connect.auth.LocalTimes;
import com.podium.connect.dashboard.load.AcuteChronic;
import com.podium.connect.dashboard.load.Baseline;
import com.podium.connect.dashboard.load.WeeklyVolume;
import com.podium.connect.sync.SyncedData;

/**
 * The signed-in coach's pages, all read through the coach's own grant (TrainingPeaks' coach-scoped calls):
 * {@code GET /coach}, the roster with each athlete's last sync, this week's load against the plan, and flags when
 * the load rises too fast (acute:chronic above 1.5) or resting heart rate or HRV drift off their 4-week baseline;
 * {@code GET /coach/athletes/{id}}, one athlete's page; and their workouts in detail. An athlete not on the coach's
 * roster is 403. Each athlete's line reads the store the background sync keeps; what it does not hold yet is read
 * from TrainingPeaks, all athletes in parallel, within the page's time budget.
 */
@Controller
class CoachController {

    /** Days read per roster athlete: 7 recent + 28 baseline. */
    static final int DAYS = Baseline.RECENT_DAYS + Baseline.BASELINE_DAYS;

    /**
     * One roster line.
     *
     * @param lastSync when their data was last read from TrainingPeaks (in the coach's zone), or empty
     * @param reach how the athlete's data reaches Podium now, in words (see {@link #reach})
     * @param asOf "As of" and the time of the data shown when it is not the latest, else empty
     * @param late the data shown is old or missing: TrainingPeaks is slow, failing, or has not answered yet
     * @param weekLoad this week's TSS so far against the plan, or empty
     * @param flags what a coach should look at, in words
     */
    record RosterLine(long id, String name, String email, boolean premium, String lastSync, String reach,
            String asOf, boolean late, String weekLoad, String ratio, List<String> flags) {

        /** This load could not confirm the data with TrainingPeaks ({@code why}): it is shown as of its time. */
        RosterLine notConfirmed(String why) {
            return new RosterLine(id, name, email, premium, lastSync, why,
                    lastSync.isEmpty() ? "" : "As of " + lastSync + ".", true, weekLoad, ratio, flags);
        }
    }

    private final Rosters rosters;
    private final ConnectionPrompts connections;
    private final TrainingPeaksApi api;
    private final FreshOrLastGood fetches;
    private final DashboardProperties properties;
    private final DashboardLoader loader;
    private final SyncedData store;
    private final Clock clock = Clock.systemUTC();

    CoachController(Rosters rosters, ConnectionPrompts connections, TrainingPeaksApi api, FreshOrLastGood fetches,
            DashboardProperties properties, DashboardLoader loader, SyncedData store) {
        this.rosters = rosters;
        this.connections = connections;
        this.api = api;
        this.fetches = fetches;
        this.properties = properties;
        this.loader = loader;
        this.store = store;
    }

    @GetMapping("/coach")
    String roster(Principal principal, ZoneId zone, Model model) {
        Instant started = clock.instant();
        Instant deadline = started.plus(properties.pageBudget());
        String coach = principal.getName();
        ConnectionStatus own = connections.connectionStatus(coach);
        model.addAttribute("card", ConnectionCard.of(own, zone, true));
        model.addAttribute("nav", "coach");
        if (own.isConnected()) {
            // The page's one uncached call: a coach grant TrainingPeaks revoked shows on this load (see DashboardLoader).
            CompletableFuture<Object> check = fetches.start(coach + "|check", () -> api.freshCoachProfile(coach));
            Section<List<AthleteProfile>> roster = fetches.await(coach + "|roster",
                    fetches.start(coach + "|roster", () -> rosters.of(coach)), deadline);
            model.addAttribute("problem", roster.problem());
            model.addAttribute("rosterAsOf", roster.stale() && roster.asOf() != null
                    ? "As of " + LocalTimes.minute(roster.asOf(), zone) + "." : "");
            if (roster.ok()) {
                List<RosterLine> lines = lines(coach, roster.data(), zone, deadline);
                Section<Object> checked = fetches.await(coach + "|check", check,
                        properties.checkDeadline(started, deadline));
                if (!checked.ok() || checked.stale()) {
                    String why = Section.LOADING.equals(checked.problem()) || checked.problem() == null ? Section.SLOW
                            : checked.problem();
                    lines = lines.stream().map(line -> line.late() ? line : line.notConfirmed(why)).toList();
                }
                model.addAttribute("roster", lines);
            }
            // A call may just have found the coach's access revoked.
            model.addAttribute("card", ConnectionCard.of(connections.connectionStatus(coach), zone, true));
        }
        return "coach";
    }

    @GetMapping("/coach/athletes/{athleteId}")
    ModelAndView athlete(@PathVariable String athleteId, Principal principal, ZoneId zone) {
        Optional<AthleteProfile> athlete = rostered(principal.getName(), athleteId);
        if (athlete.isEmpty()) {
            return new ModelAndView("redirect:/coach");
        }
        return DashboardController.page(
                loader.load(Reader.coached(api, principal.getName(), athlete.get()), true, zone), "coach");
    }

    @GetMapping("/coach/athletes/{athleteId}/workouts/{workoutId}")
    ModelAndView workout(@PathVariable String athleteId, @PathVariable String workoutId, Principal principal) {
        if (!workoutId.matches("[0-9]{1,18}")) {
            return DashboardController.problem(HttpStatus.BAD_REQUEST, "No such workout",
                    "This address does not name a workout.");
        }
        Optional<AthleteProfile> athlete = rostered(principal.getName(), athleteId);
        if (athlete.isEmpty()) {
            return new ModelAndView("redirect:/coach");
        }
        return DashboardController.workoutPage(Reader.coached(api, principal.getName(), athlete.get()),
                Long.parseLong(workoutId), "coach", fetches, properties, clock);
    }

    /**
     * The athlete when on the coach's roster; empty when no roster can be had now (not connected, TrainingPeaks down
     * or slow and nothing stored: back to the roster page, which says why). Not on the roster: 403.
     */
    private Optional<AthleteProfile> rostered(String coach, String athleteId) {
        if (!athleteId.matches("[0-9]{1,18}")) {
            throw new AccessDeniedException("not an athlete of this coach");
        }
        long id = Long.parseLong(athleteId);
        // Within the page's budget like the roster page (same key: one fetch for both); a slow TrainingPeaks lets the
        // stored roster (up to a day old) open the page rather than holding it for the API client's retries.
        Section<List<AthleteProfile>> asked = fetches.await(coach + "|roster",
                fetches.start(coach + "|roster", () -> rosters.of(coach)),
                clock.instant().plus(properties.pageBudget()));
        boolean answered = asked.ok() && (!asked.stale() || rosters.trusted(asked.asOf()));
        List<AthleteProfile> roster = answered ? asked.data() : rosters.stored(coach).orElse(null);
        if (roster == null) {
            return Optional.empty();
        }
        return Optional.of(roster.stream().filter(a -> a.id() == id).findFirst()
            .orElseThrow(() -> new AccessDeniedException("not an athlete of this coach")));
    }

    private List<RosterLine> lines(String coach, List<AthleteProfile> roster, ZoneId coachZone, Instant deadline) {
        /** An athlete's reads: from the store where it covers them (null future), else started. */
        record Started(AthleteProfile athlete, Reader reader, LocalDate today, SyncedData.Synced stored,
                CompletableFuture<List<Workout>> workouts, CompletableFuture<List<Metric>> metrics) {
        }
        // Start every athlete's reads first, then wait once for all of them.
        List<Started> started = new ArrayList<>();
        for (AthleteProfile athlete : roster) {
            Reader reader = Reader.coached(api, coach, athlete);
            LocalDate today = LocalDate.now(athlete.zone());
            DateRange range = new DateRange(today.minusDays(DAYS - 1L), today.plusDays(6));
            SyncedData.Synced stored = store.read(coach, athlete.id()).orElse(null);
            boolean storedWorkouts = stored != null && stored.workoutsCover(range.start(), range.end());
            boolean storedMetrics = !athlete.isPremium()
                    || stored != null && stored.metricsCover(range.start(), today);
            started.add(new Started(athlete, reader, today, stored,
                    storedWorkouts ? null
                            : fetches.start(reader.key() + "|recent-workouts", () -> reader.workouts(range)),
                    storedMetrics ? null
                            : fetches.start(reader.key() + "|recent-metrics", () -> reader.metrics(range))));
        }
        List<RosterLine> lines = new ArrayList<>();
        for (Started s : started) {
            Section<List<Workout>> workouts = s.workouts() == null
                    ? Section.fresh(s.stored().workouts(), s.stored().workoutsAsOf())
                    : fetches.await(s.reader().key() + "|recent-workouts", s.workouts(), deadline);
            Section<List<Metric>> metrics = !s.athlete().isPremium() ? Section.fresh(List.of(), clock.instant())
                    : s.metrics() == null ? Section.fresh(s.stored().metrics(), s.stored().metricsAsOf())
                    : fetches.await(s.reader().key() + "|recent-metrics", s.metrics(), deadline);
            lines.add(line(s.athlete(), workouts, metrics, s.today(), coachZone));
        }
        return lines;
    }

    private static RosterLine line(AthleteProfile athlete, Section<List<Workout>> workouts,
            Section<List<Metric>> metrics, LocalDate today, ZoneId coachZone) {
        List<String> flags = new ArrayList<>();
        String weekLoad = "";
        String ratioText = "";
        if (workouts.ok()) {
            LocalDate monday = WeeklyVolume.monday(today);
            WorkoutSummary week = WorkoutSummary.of(workouts.data().stream().filter(w -> w.workoutDay() != null
                    && !w.workoutDay().toLocalDate().isBefore(monday)
                    && !w.workoutDay().toLocalDate().isAfter(monday.plusDays(6))).toList(), today);
            weekLoad = week.completedTss() == null && week.plannedTss() == null
                    ? String.format(Locale.ROOT, "%.1f of %.1f h", week.completedHours(), week.plannedHours())
                    : String.format(Locale.ROOT, "%d of %d TSS", round(week.completedTss()), round(week.plannedTss()));
            Optional<Double> ratio = AcuteChronic.ratio(Training.tssByDay(workouts.data()), today);
            ratioText = ratio.map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("");
            if (AcuteChronic.flagged(ratio)) {
                flags.add("Load rising fast");
            }
        }
        if (metrics.ok() && !metrics.data().isEmpty()) {
            List<DailyMetrics> days = DailyMetrics.byDay(metrics.data());
            if (drifted(days, DailyMetrics::restingHeartRate, today, Baseline.Bad.UP, 1.0)) {
                flags.add("Resting HR up");
            }
            if (drifted(days, DailyMetrics::hrv, today, Baseline.Bad.DOWN, 2.0)) {
                flags.add("HRV down");
            }
        }
        String lastSync = workouts.asOf() != null ? LocalTimes.minute(workouts.asOf(), coachZone) : "";
        String asOf = workouts.stale() && workouts.asOf() != null ? "As of " + lastSync + "." : "";
        String name = ((athlete.firstName() == null ? "" : athlete.firstName()) + " "
                + (athlete.lastName() == null ? "" : athlete.lastName())).strip();
        return new RosterLine(athlete.id(), name, athlete.email(), athlete.isPremium(), lastSync, reach(workouts),
                asOf, workouts.stale() || !workouts.ok(), weekLoad, ratioText, flags);
    }

    /**
     * How an athlete's data reaches Podium, in words. Always through the coach's own grant (the card above the
     * roster says whether that is connected, from the one connection status); per athlete only whether TrainingPeaks
     * answered this time, and if not, why the line shows older data or none.
     */
    static String reach(Section<List<Workout>> workouts) {
        if (workouts.ok() && !workouts.stale()) {
            return "Up to date through your TrainingPeaks coach access.";
        }
        return workouts.problem() != null ? workouts.problem() : Section.LOADING;
    }

    private static boolean drifted(List<DailyMetrics> days, java.util.function.Function<DailyMetrics, Double> value,
            LocalDate today, Baseline.Bad bad, double minSpread) {
        Map<LocalDate, Double> values = Training.byDay(days, value);
        return Baseline.drift(values, today, bad, minSpread).map(Baseline.Drift::flagged).orElse(false);
    }

    private static long round(Double value) {
        return value == null ? 0 : Math.round(value);
    }
}
