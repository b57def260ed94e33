package com.podium.connect.token;

import java.time.Instant;

/**
 * A bearer token for the TrainingPeaks API. {@link #toString()} never shows the value, so a token cannot reach a
 * log line by accident.
 *
 * @param value the bearer token; send it only in an {@code Authorization} header
 * @param expiresAt when TrainingPeaks stops accepting it
 * @param scope the granted scope, space separated
 */
public record AccessToken(String value, Instant expiresAt, String scope) {

    @Override
    public String toString() {
        return "AccessToken[value=***, expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }
}
