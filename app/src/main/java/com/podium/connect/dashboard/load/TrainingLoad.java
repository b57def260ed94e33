package com.podium.connect.dashboard.load;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Performance Management Chart: fitness (CTL), fatigue (ATL) and form (TSB) from daily Training Stress Scores.
 * <p>
 * CTL and ATL are exponentially weighted averages of daily TSS with time constants of 42 and 7 days, as
 * TrainingPeaks defines them: {@code today = yesterday + (TSS - yesterday) / N}. Form is {@code CTL - ATL}. A day
 * without workouts counts as TSS 0. Both start at 0 on the first day given, so callers feed a warm-up period
 * (e.g. 42 days) before the days they show.
 */
public final class TrainingLoad {

    public static final int FITNESS_DAYS = 42;
    public static final int FATIGUE_DAYS = 7;

    /** One day of the chart. */
    public record Day(LocalDate date, double tss, double fitness, double fatigue) {

        public double form() {
            return fitness - fatigue;
        }
    }

    private TrainingLoad() {
    }

    /**
     * @param tssByDay TSS per day (days missing from the map count as 0)
     * @param from first day, where CTL and ATL start at 0
     * @param to last day (inclusive)
     */
    public static List<Day> between(Map<LocalDate, Double> tssByDay, LocalDate from, LocalDate to) {
        List<Day> days = new ArrayList<>();
        double fitness = 0;
        double fatigue = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            double tss = tssByDay.getOrDefault(day, 0.0);
            fitness += (tss - fitness) / FITNESS_DAYS;
            fatigue += (tss - fatigue) / FATIGUE_DAYS;
            days.add(new Day(day, tss, fitness, fatigue));
        }
        return days;
    }
}
