package com.podium.connect.apiclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /v1/coach/profile}: the connected coach (research S4 endpoints.md). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CoachProfile(
        @JsonProperty("CoachId") long coachId,
        @JsonProperty("FirstName") String firstName,
        @JsonProperty("LastName") String lastName) {
}
