package com.podium.connect.apiclient;

import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One workout of {@code GET /v2/workouts/...} (wiki Workouts-Object): planned and completed workouts come mixed in one
 * list. Times are the athlete's local times without zone. Premium-only fields (TSS, IF, power, heart rate, calories,
 * ...) are null for basic athletes (wiki Premium-vs-Basic-Athlete).
 *
 * @param workoutDay the day, local, at midnight
 * @param startTime when it was done, or null
 * @param startTimePlanned when it was planned, or null
 * @param totalTime decimal hours done
 * @param totalTimePlanned decimal hours planned
 * @param distance metres done
 * @param distancePlanned metres planned
 * @param intensityFactor {@code IF}
 * @param description only sent when asked with {@code includeDescription=true}
 * @param lastModifiedDate TrainingPeaks' timestamp: "Mountain time" (Workouts-Object) but UTC with {@code Z} in the changed
 *        feed's example (Workouts-Get-Changed); read as a local time and used for nothing, so either way is safe
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Workout(
        @JsonProperty("Id") long id,
        @JsonProperty("AthleteId") long athleteId,
        @JsonProperty("WorkoutDay") LocalDateTime workoutDay,
        @JsonProperty("StartTime") LocalDateTime startTime,
        @JsonProperty("StartTimePlanned") LocalDateTime startTimePlanned,
        @JsonProperty("Title") String title,
        @JsonProperty("WorkoutType") String workoutType,
        @JsonProperty("Completed") Boolean completed,
        @JsonProperty("TotalTime") Double totalTime,
        @JsonProperty("TotalTimePlanned") Double totalTimePlanned,
        @JsonProperty("Distance") Double distance,
        @JsonProperty("DistancePlanned") Double distancePlanned,
        @JsonProperty("TssActual") Double tssActual,
        @JsonProperty("TssPlanned") Double tssPlanned,
        @JsonProperty("IF") Double intensityFactor,
        @JsonProperty("IFPlanned") Double intensityFactorPlanned,
        @JsonProperty("NormalizedPower") Double normalizedPower,
        @JsonProperty("PowerAverage") Double powerAverage,
        @JsonProperty("HeartRateAverage") Double heartRateAverage,
        @JsonProperty("Calories") Double calories,
        @JsonProperty("Description") String description,
        @JsonProperty("LastModifiedDate") LocalDateTime lastModifiedDate) {

    /** Done, as TrainingPeaks marks it. */
    public boolean isCompleted() {
        return Boolean.TRUE.equals(completed);
    }

    /** Something was planned for it (a planned start, duration, distance or TSS). */
    public boolean isPlanned() {
        return startTimePlanned != null || totalTimePlanned != null || distancePlanned != null || tssPlanned != null;
    }
}
