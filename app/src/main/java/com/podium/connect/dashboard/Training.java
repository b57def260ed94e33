package com.podium.connect.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import com.podium.connect.apiclient.Metric;
import com.podium.connect.apiclient.Workout;
import com.podium.connect.dashboard.load.AcuteChronic;
import com.podium.connect.dashboard.load.Baseline;
import com.podium.connect.dashboard.load.LineChart;
import com.podium.connect.dashboard.load.TrainingLoad;
import com.podium.connect.dashboard.load.WeeklyBars;
import com.podium.connect.dashboard.load.WeeklyVolume;

/**
 * What an athlete page computes from TrainingPeaks' workouts and metrics: fitness, fatigue and form (from TSS, which
 * TrainingPeaks gives Premium athletes only), the acute:chronic ratio, weekly hours by sport, planned against
 * completed for this and last week, health trends against their baselines, and the recent workouts.
 *
 * @param pmc null for a basic athlete (no TSS)
 * @param weeksPlan this week, then last week
 */
public record Training(LocalDate today, boolean premium, TrainingLoad.Day load, Optional<Double> acuteChronic,
        boolean loadFlag, LineChart pmc, WeeklyBars weeks, List<Week> weeksPlan, List<Trend> trends,
        List<Recent> recent) {

    /** Days shown on the chart; the days before them only warm fitness and fatigue up. */
    public static final int SHOWN_DAYS = 90;
    public static final int WARM_UP_DAYS = TrainingLoad.FITNESS_DAYS;
    static final int WEEKS = 12;

    /** One health value over the shown days, with its latest value and drift from its baseline. */
    public record Trend(String name, String unit, String latest, LineChart chart, Optional<Baseline.Drift> drift) {

        public boolean flagged() {
            return drift.map(Baseline.Drift::flagged).orElse(false);
        }
    }

    /** Planned against completed in one week. */
    public record Week(String label, WorkoutSummary summary) {

        public String hours() {
            return String.format(Locale.ROOT, "%.1f of %.1f h", summary.completedHours(), summary.plannedHours());
        }

        public String tss() {
            return summary.plannedTss() == null && summary.completedTss() == null ? ""
                    : String.format(Locale.ROOT, "%d of %d TSS", round(summary.completedTss()),
                            round(summary.plannedTss()));
        }

        private static long round(Double value) {
            return value == null ? 0 : Math.round(value);
        }
    }

    /** A workout of the last two weeks and what became of it. */
    public record Recent(Workout workout, String status) {
    }

    private record Health(Function<DailyMetrics, Double> value, String name, String unit, Baseline.Bad bad,
            double minSpread, int decimals) {
    }

    /** The health values shown, and which way is unhealthy; one without values is not shown. */
    private static final List<Health> HEALTH = List.of(
            new Health(DailyMetrics::restingHeartRate, "Resting heart rate", "bpm", Baseline.Bad.UP, 1.0, 0),
            new Health(DailyMetrics::hrv, "Heart rate variability", "ms", Baseline.Bad.DOWN, 2.0, 0),
            new Health(DailyMetrics::sleepHours, "Sleep", "h", Baseline.Bad.DOWN, 0.25, 1),
            new Health(DailyMetrics::weightInKilograms, "Weight", "kg", null, 0.2, 1));

    public static LocalDate firstDay(LocalDate today) {
        return today.minusDays(SHOWN_DAYS + WARM_UP_DAYS - 1L);
    }

    static boolean done(Workout w) {
        return w.isCompleted() || w.totalTime() != null || w.tssActual() != null;
    }

    static Map<LocalDate, Double> tssByDay(List<Workout> workouts) {
        Map<LocalDate, Double> tss = new TreeMap<>();
        for (Workout w : workouts) {
            if (w.workoutDay() != null && w.tssActual() != null) {
                tss.merge(w.workoutDay().toLocalDate(), w.tssActual(), Double::sum);
            }
        }
        return tss;
    }

    static Map<LocalDate, Double> byDay(List<DailyMetrics> days, Function<DailyMetrics, Double> value) {
        Map<LocalDate, Double> values = new TreeMap<>();
        days.forEach(day -> {
            Double v = value.apply(day);
            if (v != null) {
                values.put(day.day(), v);
            }
        });
        return values;
    }

    static Training of(List<Workout> workouts, List<Metric> metrics, LocalDate today, boolean premium) {
        Map<LocalDate, Double> tss = tssByDay(workouts);
        List<WeeklyVolume.Session> sessions = new ArrayList<>();
        for (Workout w : workouts) {
            if (w.workoutDay() != null && done(w)) {
                sessions.add(new WeeklyVolume.Session(w.workoutDay().toLocalDate(), w.workoutType(),
                        w.totalTime() == null ? 0 : w.totalTime(), w.distance() == null ? 0 : w.distance() / 1000));
            }
        }
        List<TrainingLoad.Day> days = TrainingLoad.between(tss, firstDay(today), today);
        List<TrainingLoad.Day> shown = days.subList(days.size() - SHOWN_DAYS, days.size());
        List<LocalDate> dates = shown.stream().map(TrainingLoad.Day::date).toList();
        LineChart pmc = !premium ? null : LineChart.of(dates, List.of(
                new LineChart.Series("fitness", "Fitness (CTL)", shown.stream().map(d -> round(d.fitness())).toList()),
                new LineChart.Series("fatigue", "Fatigue (ATL)", shown.stream().map(d -> round(d.fatigue())).toList()),
                new LineChart.Series("form", "Form (TSB)", shown.stream().map(d -> round(d.form())).toList())),
                720, 240);
        Optional<Double> ratio = premium ? AcuteChronic.ratio(tss, today) : Optional.empty();
        LocalDate monday = WeeklyVolume.monday(today);
        List<Week> plan = List.of(
                new Week("This week", WorkoutSummary.of(between(workouts, monday, monday.plusDays(6)), today)),
                new Week("Last week", WorkoutSummary.of(between(workouts, monday.minusWeeks(1), monday.minusDays(1)),
                        today)));
        List<Recent> recent = between(workouts, today.minusDays(13), today).stream()
            .sorted(Comparator.comparing(Workout::workoutDay).reversed())
            .map(w -> new Recent(w, status(w, today))).toList();
        return new Training(today, premium, days.get(days.size() - 1), ratio, AcuteChronic.flagged(ratio), pmc,
                WeeklyBars.of(WeeklyVolume.of(sessions, today.minusWeeks(WEEKS - 1L), today), 720, 200), plan,
                trends(DailyMetrics.byDay(metrics), dates, today), recent);
    }

    private static List<Workout> between(List<Workout> workouts, LocalDate from, LocalDate to) {
        return workouts.stream().filter(w -> w.workoutDay() != null)
            .filter(w -> !w.workoutDay().toLocalDate().isBefore(from) && !w.workoutDay().toLocalDate().isAfter(to))
            .toList();
    }

    static String status(Workout w, LocalDate today) {
        if (done(w)) {
            return "Completed";
        }
        return w.workoutDay().toLocalDate().isBefore(today) ? "Missed" : "Planned";
    }

    private static List<Trend> trends(List<DailyMetrics> daily, List<LocalDate> dates, LocalDate today) {
        List<Trend> trends = new ArrayList<>();
        for (Health health : HEALTH) {
            Map<LocalDate, Double> values = byDay(daily, health.value());
            if (values.isEmpty()) {
                continue;
            }
            LineChart chart = LineChart.ofRange(dates,
                    List.of(new LineChart.Series("trend", health.name(), dates.stream().map(values::get).toList())),
                    340, 120);
            Double latest = ((TreeMap<LocalDate, Double>) values).lastEntry().getValue();
            trends.add(new Trend(health.name(), health.unit(),
                    String.format(Locale.ROOT, "%." + health.decimals() + "f", latest), chart,
                    health.bad() == null ? Optional.empty()
                            : Baseline.drift(values, today, health.bad(), health.minSpread())));
        }
        return trends;
    }

    private static Double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    public String fitness() {
        return String.valueOf(Math.round(load.fitness()));
    }

    public String fatigue() {
        return String.valueOf(Math.round(load.fatigue()));
    }

    public String form() {
        long form = Math.round(load.form());
        return form > 0 ? "+" + form : String.valueOf(form);
    }

    public String ratio() {
        return acuteChronic.map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("–");
    }

    public String weekHours() {
        return String.format(Locale.ROOT, "%.1f", weeksPlan.get(0).summary().completedHours());
    }
}
