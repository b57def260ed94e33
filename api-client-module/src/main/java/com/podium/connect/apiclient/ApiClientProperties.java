package com.podium.connect.apiclient;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the API client talks to TrainingPeaks ({@code podium.api.*}). The defaults suit production; nothing needs to be
 * set.
 *
 * @param connectTimeout TCP connect timeout per call
 * @param readTimeout how long one call may wait for the answer
 * @param maxAttempts attempts per call for transient failures (429, 5xx, timeouts, connection errors), first included
 * @param initialBackoff wait before the second attempt; doubles for every further attempt
 * @param maxBackoff cap on any wait between attempts; a {@code Retry-After} longer than this fails the call at once
 * @param cacheTtl how long profile, workouts and metrics answers are reused per athlete
 * @param recentDays the "recent" window (today included), {@link TrainingPeaksApi#recentRange}
 * @param userAgent sent on every API call as TrainingPeaks requires ({@code <app or client id>/<version>});
 *        {@code PodiumConnect/<version>} when not set
 */
@ConfigurationProperties("podium.api")
@Validated
public record ApiClientProperties(
        @DurationMin(millis = 1) @DefaultValue("5s") Duration connectTimeout,
        @DurationMin(millis = 1) @DefaultValue("15s") Duration readTimeout,
        @Min(1) @DefaultValue("3") int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("10s") Duration maxBackoff,
        @DefaultValue("60s") Duration cacheTtl,
        @Min(1) @Max(DateRange.MAX_DAYS + 1) @DefaultValue("14") int recentDays,
        String userAgent) {

    public ApiClientProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("podium.api.max-attempts must be at least 1");
        }
        if (userAgent == null || userAgent.isBlank()) {
            userAgent = UserAgent.DEFAULT;
        }
        if (!UserAgent.wellFormed(userAgent)) {
            throw new IllegalArgumentException("podium.api.user-agent must look like <name>/<version>, not '" + userAgent + "'");
        }
        if (recentDays < 1 || recentDays > DateRange.MAX_DAYS + 1) {
            throw new IllegalArgumentException("podium.api.recent-days must be between 1 and " + (DateRange.MAX_DAYS + 1));
        }
    }

    /** The defaults, for code that builds the client without Spring. */
    public static ApiClientProperties defaults() {
        return new ApiClientProperties(Duration.ofSeconds(5), Duration.ofSeconds(15), 3, Duration.ofMillis(500),
                Duration.ofSeconds(10), Duration.ofSeconds(60), 14, null);
    }
}
