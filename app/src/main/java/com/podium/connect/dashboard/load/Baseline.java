package com.podium.connect.dashboard.load;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a daily health value (resting heart rate, HRV) has drifted off its baseline: the mean of the last
 * {@value #RECENT_DAYS} days against the mean and spread of the {@value #BASELINE_DAYS} days before them. Drift
 * counts only in the unhealthy direction (resting HR up, HRV down) and beyond {@value #THRESHOLD_SD} standard
 * deviations; the spread is at least {@code minSpread}, so a very steady baseline does not flag noise.
 */
public final class Baseline {

    public static final int RECENT_DAYS = 7;
    public static final int BASELINE_DAYS = 28;
    public static final double THRESHOLD_SD = 2.0;
    /** Days with a value each period needs before anything is said. */
    static final int MIN_VALUES_RECENT = 3;
    static final int MIN_VALUES_BASELINE = 14;

    /** Which way is unhealthy. */
    public enum Bad {
        UP, DOWN
    }

    /**
     * @param baselineMean mean of the baseline days
     * @param recentMean mean of the recent days
     * @param deviations how many (floored) standard deviations recent is from the baseline, signed
     */
    public record Drift(double baselineMean, double recentMean, double deviations, boolean flagged) {
    }

    private Baseline() {
    }

    public static Optional<Drift> drift(Map<LocalDate, Double> values, LocalDate today, Bad bad, double minSpread) {
        List<Double> recent = window(values, today, 0, RECENT_DAYS);
        List<Double> baseline = window(values, today, RECENT_DAYS, BASELINE_DAYS);
        if (recent.size() < MIN_VALUES_RECENT || baseline.size() < MIN_VALUES_BASELINE) {
            return Optional.empty();
        }
        double baselineMean = mean(baseline);
        double spread = Math.max(minSpread, standardDeviation(baseline, baselineMean));
        double recentMean = mean(recent);
        double deviations = (recentMean - baselineMean) / spread;
        boolean flagged = bad == Bad.UP ? deviations > THRESHOLD_SD : deviations < -THRESHOLD_SD;
        return Optional.of(new Drift(baselineMean, recentMean, deviations, flagged));
    }

    /** The values of {@code length} days, starting {@code skip} days before {@code today}, going back. */
    private static List<Double> window(Map<LocalDate, Double> values, LocalDate today, int skip, int length) {
        return java.util.stream.IntStream.range(skip, skip + length)
            .mapToObj(i -> values.get(today.minusDays(i)))
            .filter(java.util.Objects::nonNull)
            .toList();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double standardDeviation(List<Double> values, double mean) {
        double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
        return Math.sqrt(variance);
    }
}
