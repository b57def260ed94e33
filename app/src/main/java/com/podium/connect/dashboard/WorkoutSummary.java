package com.podium.connect.dashboard;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import com.podium.connect.apiclient.Workout;

/**
 * Planned against completed over a range, from the mixed list TrainingPeaks returns. Sums skip nulls, which is
 * what basic athletes get for TSS.
 *
 * @param missed planned, on a past day or today, and not completed
 */
public record WorkoutSummary(int planned, int completed, int missed, double plannedHours, double completedHours,
        Double plannedTss, Double completedTss) {

    public static WorkoutSummary of(List<Workout> workouts, java.time.LocalDate today) {
        int planned = (int) workouts.stream().filter(Workout::isPlanned).count();
        int completed = (int) workouts.stream().filter(Workout::isCompleted).count();
        int missed = (int) workouts.stream().filter(w -> w.isPlanned() && !w.isCompleted() && w.workoutDay() != null
                && w.workoutDay().toLocalDate().isBefore(today)).count();
        return new WorkoutSummary(planned, completed, missed, sum(workouts, Workout::totalTimePlanned),
                sum(workouts, Workout::totalTime), sumOrNull(workouts, Workout::tssPlanned),
                sumOrNull(workouts, Workout::tssActual));
    }

    private static double sum(List<Workout> workouts, Function<Workout, Double> value) {
        return workouts.stream().map(value).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum();
    }

    private static Double sumOrNull(List<Workout> workouts, Function<Workout, Double> value) {
        return workouts.stream().map(value).anyMatch(Objects::nonNull) ? sum(workouts, value) : null;
    }
}
