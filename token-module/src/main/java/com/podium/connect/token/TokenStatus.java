package com.podium.connect.token;

import java.time.Instant;

/**
 * An account's TrainingPeaks connection, safe to show: no token values.
 *
 * @param failureCount consecutive transient refresh failures (0 when healthy)
 * @param nextAttemptAt when the next refresh attempt is due after failures, or null
 */
public record TokenStatus(String athleteId, AccountRole role, String scope, Instant expiresAt, Instant refreshAt,
        long version, int failureCount, Instant nextAttemptAt, Instant updatedAt) {
}
