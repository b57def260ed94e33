package com.podium.connect.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import com.podium.connect.apiclient.Metric;

/**
 * One day of an athlete's metrics as the page shows them. TrainingPeaks sends several flat entries a day, each with
 * only the keys measured then; a day takes each value from its latest entry that has it.
 *
 * @param restingHeartRate bpm, TrainingPeaks' {@code Pulse}
 * @param hrv TrainingPeaks' {@code Hrv}/{@code HRV}
 * @param weightInKilograms kg
 * @param sleepHours hours
 */
public record DailyMetrics(LocalDate day, Double restingHeartRate, Double hrv, Double weightInKilograms,
        Double sleepHours) {

    /** Days in date order; entries without a date are skipped. */
    public static List<DailyMetrics> byDay(List<Metric> metrics) {
        Map<LocalDate, List<Metric>> days = new TreeMap<>();
        metrics.stream()
            .filter(m -> m.dateTime() != null)
            .sorted(Comparator.comparing(Metric::dateTime))
            .forEach(m -> days.computeIfAbsent(m.dateTime().toLocalDate(), d -> new ArrayList<>()).add(m));
        List<DailyMetrics> result = new ArrayList<>();
        days.forEach((day, entries) -> result.add(new DailyMetrics(day, latest(entries, Metric::restingHeartRate),
                latest(entries, Metric::hrv), latest(entries, Metric::weightInKilograms),
                latest(entries, Metric::sleepHours))));
        return result;
    }

    private static Double latest(List<Metric> entries, Function<Metric, Optional<Double>> value) {
        Double latest = null;
        for (Metric entry : entries) {
            latest = value.apply(entry).orElse(latest);
        }
        return latest;
    }
}
