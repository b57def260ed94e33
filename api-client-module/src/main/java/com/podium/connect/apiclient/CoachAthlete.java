package com.podium.connect.apiclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One athlete of {@code GET /v1/coach/athletes}, the coach's roster. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CoachAthlete(
        @JsonProperty("Id") long id,
        @JsonProperty("FirstName") String firstName,
        @JsonProperty("LastName") String lastName,
        @JsonProperty("Email") String email) {
}
