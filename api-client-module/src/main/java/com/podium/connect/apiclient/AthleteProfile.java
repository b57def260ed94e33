package com.podium.connect.apiclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /v1/athlete/profile}: who the connected TrainingPeaks user is. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AthleteProfile(
        @JsonProperty("Id") long id,
        @JsonProperty("FirstName") String firstName,
        @JsonProperty("LastName") String lastName,
        @JsonProperty("Email") String email,
        @JsonProperty("TimeZone") String timeZone) {
}
