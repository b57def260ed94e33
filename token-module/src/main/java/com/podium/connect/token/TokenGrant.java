package com.podium.connect.token;

import java.time.Instant;

/**
 * What the token endpoint granted. Holds secrets: {@link #toString()} hides them.
 *
 * @param accessToken the new access token
 * @param refreshToken the new refresh token, or null when the provider did not rotate it
 * @param issuedAt when we received it (UTC)
 * @param expiresAt {@code issuedAt + expires_in}
 * @param scope the granted scope, space separated (may be narrower than asked)
 */
public record TokenGrant(String accessToken, String refreshToken, Instant issuedAt, Instant expiresAt, String scope) {

    @Override
    public String toString() {
        return "TokenGrant[accessToken=***, refreshToken=" + (refreshToken == null ? null : "***") + ", issuedAt="
                + issuedAt + ", expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }
}
