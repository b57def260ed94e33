package com.podium.connect.apiclient;

import java.time.ZoneId;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One athlete of {@code GET /v1/coach/athletes}, the coach's roster: the same shape as the athlete profile (wiki
 * Coach-Get-Athletes). Fields as in {@link AthleteProfile}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CoachAthlete(
        @JsonProperty("Id") long id,
        @JsonProperty("FirstName") String firstName,
        @JsonProperty("LastName") String lastName,
        @JsonProperty("Email") String email,
        @JsonProperty("TimeZone") String timeZone,
        @JsonProperty("BirthMonth") String birthMonth,
        @JsonProperty("Sex") String sex,
        @JsonProperty("CoachedBy") Long coachedBy,
        @JsonProperty("Weight") Double weight,
        @JsonProperty("IsPremium") Boolean premium,
        @JsonProperty("PreferredUnits") String preferredUnits) {

    public boolean isPremium() {
        return Boolean.TRUE.equals(premium);
    }

    public ZoneId zone() {
        return AthleteProfile.Zones.of(timeZone);
    }
}
