package com.podium.connect.token.storage;

import java.time.Instant;

import com.podium.connect.token.AccountRole;

/** One row of {@code oauth_tokens}, tokens still encrypted. */
public record TokenRow(String athleteId, AccountRole role, byte[] accessToken, byte[] refreshToken, String keyId,
        String scope, Instant issuedAt, Instant expiresAt, Instant refreshAt, long version, String leaseOwner,
        Instant leaseUntil, int failureCount, Instant nextAttemptAt, String lastErrorCode, Instant updatedAt) {

    public boolean refreshDue(Instant now) {
        return !now.isBefore(refreshAt);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** After transient failures, attempts wait until {@link #nextAttemptAt}. */
    public boolean inBackoff(Instant now) {
        return nextAttemptAt != null && now.isBefore(nextAttemptAt);
    }

    public boolean leasedByOtherThan(String owner, Instant now) {
        return leaseUntil != null && now.isBefore(leaseUntil) && !leaseOwner.equals(owner);
    }

    @Override
    public String toString() {
        return "TokenRow[athleteId=" + athleteId + ", role=" + role + ", keyId=" + keyId + ", scope=" + scope
                + ", expiresAt=" + expiresAt + ", refreshAt=" + refreshAt + ", version=" + version + ", leaseOwner="
                + leaseOwner + ", leaseUntil=" + leaseUntil + ", failureCount=" + failureCount + "]";
    }
}
