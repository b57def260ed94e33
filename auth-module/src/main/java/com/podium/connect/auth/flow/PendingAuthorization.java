package com.podium.connect.auth.flow;

import java.time.Instant;

import com.podium.connect.token.AccountRole;

/**
 * An authorization request waiting for its callback: the server-side half of a {@code state}.
 *
 * @param browserBindingHash SHA-256 hex of the browser-binding cookie of the browser that started the flow
 * @param codeVerifier the PKCE verifier, or null when PKCE is off; never put in a URL
 */
public record PendingAuthorization(String athleteId, AccountRole role, String browserBindingHash, String codeVerifier,
        Instant createdAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "PendingAuthorization[athleteId=" + athleteId + ", role=" + role + ", pkce=" + (codeVerifier != null)
                + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }
}
