package com.podium.connect.apiclient;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /v1/athlete/profile}, and each athlete of the coach roster {@code GET /v1/coach/athletes} (the same
 * shape): who a TrainingPeaks athlete is (fields as documented: wiki
 * Coach-Get-Athletes example, research S3/S4).
 *
 * @param timeZone IANA zone; the API's dates are the athlete's local dates
 * @param birthMonth {@code yyyy-MM}, or null
 * @param sex {@code m} or {@code f}
 * @param coachedBy the coach's TrainingPeaks id, or null
 * @param weight kilograms
 * @param premium {@code IsPremium}: premium features (trials excluded); basic athletes get null premium-only workout
 *        fields and 403 on metrics. Null when TrainingPeaks did not say.
 * @param preferredUnits {@code English} or {@code Metric}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AthleteProfile(
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

    /** True only when TrainingPeaks said so: an unknown status is treated as basic (no metrics call). */
    public boolean isPremium() {
        return Boolean.TRUE.equals(premium);
    }

    /** The athlete's zone, UTC when missing or unknown to this JVM. */
    public ZoneId zone() {
        return Zones.of(timeZone);
    }

    /** Zone parsing shared by the profile and the roster. */
    static final class Zones {

        private Zones() {
        }

        static ZoneId of(String timeZone) {
            if (timeZone == null || timeZone.isBlank()) {
                return ZoneOffset.UTC;
            }
            try {
                return ZoneId.of(timeZone);
            }
            catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }
    }
}
