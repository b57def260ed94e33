package com.podium.connect.apiclient;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of {@code GET /v2/workouts/changed} (wiki Workouts-Get-Changed): the ids of workouts deleted and the
 * workouts modified since the date asked for.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangedWorkouts(@JsonProperty("Deleted") List<Long> deleted,
        @JsonProperty("Modified") List<Workout> modified) {

    public ChangedWorkouts {
        deleted = deleted == null ? List.of() : List.copyOf(deleted);
        modified = modified == null ? List.of() : List.copyOf(modified);
    }
}
