package com.podium.connect.token;

import java.util.Optional;

/**
 * The token module's API: everything other modules may do with TrainingPeaks tokens. Implemented inside the
 * module; callers never see its tables.
 */
public interface Tokens {

    /**
     * A valid access token for the account. Served from this instance's memory while it is not due (README, "Token
     * module": the access-token cache), else read from the database; touches the network only when a refresh is due
     * (less than the lead time left); concurrent callers share one refresh, also across instances.
     *
     * @throws NoTokenStoredException nothing is stored: the user must connect TrainingPeaks
     * @throws TokenEndpointException the refresh that was due failed (terminal ones also revoke the token)
     */
    AccessToken getToken(String athleteId);

    /**
     * Refreshes because the API rejected {@code rejected} (HTTP 401), unless another caller already replaced it;
     * returns the newer token either way. A cached copy of {@code rejected} is dropped first.
     */
    AccessToken refreshRejected(String athleteId, AccessToken rejected);

    /** Exchanges an authorization code at the token endpoint. Makes the HTTP call; stores nothing. */
    TokenGrant exchangeAuthorizationCode(String code, String codeVerifier);

    /**
     * Like {@link #exchangeAuthorizationCode(String, String)}; when TrainingPeaks' answer names no scope, the
     * granted scope is {@code requestedScope} (RFC 6749 5.1: "as requested").
     */
    default TokenGrant exchangeAuthorizationCode(String code, String codeVerifier, String requestedScope) {
        TokenGrant grant = exchangeAuthorizationCode(code, codeVerifier);
        return grant.scope() != null ? grant
                : new TokenGrant(grant.accessToken(), grant.refreshToken(), grant.issuedAt(), grant.expiresAt(),
                        requestedScope);
    }

    /**
     * Stores a fresh grant, replacing any earlier one of the account. Joins the caller's transaction, so the caller
     * can publish its event atomically with the write.
     */
    TokenStatus store(String athleteId, AccountRole role, TokenGrant grant);

    /** The account's connection as the UI may show it: no token values. Empty when nothing is stored. */
    Optional<TokenStatus> status(String athleteId);

    /**
     * Tells TrainingPeaks to deauthorize us with a valid access token (refreshed first when it is due or expired, and
     * once more if TrainingPeaks answers 401), then deletes the stored tokens and publishes {@link TokenRevoked} with
     * reason {@code DISCONNECTED} whatever TrainingPeaks said. Does nothing when nothing is stored.
     */
    DisconnectOutcome disconnect(String athleteId);
}
