package com.podium.connect.apiclient;

import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One workout of {@code GET /v2/workouts/{start}/{end}}.
 *
 * @param workoutDay the day of the workout, local to the athlete (TrainingPeaks sends it without zone)
 * @param totalTime hours
 * @param distance metres
 * @param tssActual Training Stress Score achieved
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Workout(
        @JsonProperty("Id") long id,
        @JsonProperty("AthleteId") long athleteId,
        @JsonProperty("WorkoutDay") LocalDateTime workoutDay,
        @JsonProperty("Title") String title,
        @JsonProperty("WorkoutType") String workoutType,
        @JsonProperty("TotalTime") Double totalTime,
        @JsonProperty("Distance") Double distance,
        @JsonProperty("TssActual") Double tssActual) {
}
