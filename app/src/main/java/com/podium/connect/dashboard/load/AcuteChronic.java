package com.podium.connect.dashboard.load;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The acute:chronic workload ratio: average daily TSS of the last 7 days over that of the last 28 days (both
 * ending today). Above {@value #FLAG_ABOVE} the load is rising faster than the athlete is used to.
 */
public final class AcuteChronic {

    public static final double FLAG_ABOVE = 1.5;

    private AcuteChronic() {
    }

    /** The ratio on {@code today}; empty when the last 28 days hold no load at all. */
    public static Optional<Double> ratio(Map<LocalDate, Double> tssByDay, LocalDate today) {
        double acute = sum(tssByDay, today, 7) / 7;
        double chronic = sum(tssByDay, today, 28) / 28;
        return chronic <= 0 ? Optional.empty() : Optional.of(acute / chronic);
    }

    public static boolean flagged(Optional<Double> ratio) {
        return ratio.map(value -> value > FLAG_ABOVE).orElse(false);
    }

    private static double sum(Map<LocalDate, Double> tssByDay, LocalDate today, int days) {
        double sum = 0;
        for (int i = 0; i < days; i++) {
            sum += tssByDay.getOrDefault(today.minusDays(i), 0.0);
        }
        return sum;
    }
}
