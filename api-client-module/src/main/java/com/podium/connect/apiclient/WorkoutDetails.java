package com.podium.connect.apiclient;

import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /v2/workouts/id/{workoutId}}: a workout with its details. Units as in {@link Workout}.
 *
 * @param powerAverage watts; null when the sport records no power (swimming)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkoutDetails(
        @JsonProperty("Id") long id,
        @JsonProperty("AthleteId") long athleteId,
        @JsonProperty("WorkoutDay") LocalDateTime workoutDay,
        @JsonProperty("Title") String title,
        @JsonProperty("WorkoutType") String workoutType,
        @JsonProperty("TotalTime") Double totalTime,
        @JsonProperty("Distance") Double distance,
        @JsonProperty("TssActual") Double tssActual,
        @JsonProperty("Description") String description,
        @JsonProperty("HeartRateAverage") Double heartRateAverage,
        @JsonProperty("PowerAverage") Double powerAverage) {
}
