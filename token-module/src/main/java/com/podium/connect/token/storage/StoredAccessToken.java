package com.podium.connect.token.storage;

import java.time.Instant;

/**
 * What a token read needs from a row, and no more: the access token's ciphertext and when it is due. Reads are by far
 * the most frequent query, so they skip the refresh token, the lease and the failure columns.
 */
public record StoredAccessToken(String athleteId, byte[] accessToken, String keyId, String scope, Instant expiresAt,
        Instant refreshAt) {

    public boolean refreshDue(Instant now) {
        return !now.isBefore(refreshAt);
    }

    @Override
    public String toString() {
        return "StoredAccessToken[athleteId=" + athleteId + ", keyId=" + keyId + ", scope=" + scope + ", expiresAt="
                + expiresAt + ", refreshAt=" + refreshAt + "]";
    }
}
