package com.podium.trainingpeaks.standin;

import com.podium.trainingpeaks.standin.TokenRequest.ClientAuth;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** POST /oauth/token: the authorization_code and refresh_token grants. */
final class TokenHandler {

    private static final int MAX_RECORDED_REQUESTS = 1000;

    private final Clients clients;
    private final AuthorizationCodes codes;
    private final TokenStore tokens;
    private final Knobs knobs;
    private final Counters counters;
    private final AtomicReference<TokenRequest> lastRequest = new AtomicReference<>();
    private final List<TokenRequest> recorded = new ArrayList<>();

    TokenHandler(Clients clients, AuthorizationCodes codes, TokenStore tokens, Knobs knobs, Counters counters) {
        this.clients = clients;
        this.codes = codes;
        this.tokens = tokens;
        this.knobs = knobs;
        this.counters = counters;
    }

    /** Counting and recording happen on arrival, before any delay or injected failure. */
    void arrive(Request request) throws IOException {
        Map<String, String> form = request.form();
        counters.token.incrementAndGet();
        String grantType = form.get("grant_type");
        if ("refresh_token".equals(grantType)) {
            counters.refresh.incrementAndGet();
        } else if ("authorization_code".equals(grantType)) {
            counters.exchange.incrementAndGet();
        }
        TokenRequest seen = TokenRequest.of(request, form, ClientCredentials.from(request, form));
        lastRequest.set(seen);
        synchronized (recorded) {
            if (recorded.size() == MAX_RECORDED_REQUESTS) {
                recorded.remove(0);
            }
            recorded.add(seen);
        }
    }

    void handle(Request request) throws IOException {
        if (!request.hasFormContentType()) {
            Responses.oauthError(request.exchange(), 400, "invalid_request",
                    "Content-Type must be application/x-www-form-urlencoded");
            return;
        }
        Map<String, String> form = request.form();
        ClientCredentials credentials = ClientCredentials.from(request, form);
        boolean basicIgnored = credentials.method() == ClientAuth.BASIC && !knobs.acceptBasicClientAuthentication;
        // Credentials belong in the POST body (research S1 a2946d9/eaf3f28: "need to be in the POST body"; S4, S5).
        // Basic alone is, to TrainingPeaks, a request without client credentials: the same answer as wrong ones.
        Optional<String> clientId = basicIgnored ? Optional.empty() : credentials.authenticate(clients);
        if (clientId.isEmpty()) {
            knobs.answerShape.clientAuthenticationFailed(request.exchange(), credentials.method() == ClientAuth.BASIC && !basicIgnored);
            return;
        }
        String grantType = form.get("grant_type");
        if (grantType == null) {
            Responses.oauthError(request.exchange(), 400, "invalid_request", "grant_type is required");
        } else if (grantType.equals("authorization_code")) {
            exchangeCode(request, form, clientId.get());
        } else if (grantType.equals("refresh_token")) {
            refresh(request, form, clientId.get());
        } else {
            Responses.oauthError(request.exchange(), 400, "unsupported_grant_type", null);
        }
    }

    private void exchangeCode(Request request, Map<String, String> form, String clientId) throws IOException {
        if (form.get("code") == null) {
            Responses.oauthError(request.exchange(), 400, "invalid_request", "code is required");
            return;
        }
        Instant now = Instant.now();
        Optional<AuthorizationCodes.PendingCode> redeemed = codes.redeem(form.get("code"));
        String problem = redeemed.isEmpty()
                ? "The authorization code is invalid or has already been used"
                : problemWith(redeemed.get(), form, clientId, now);
        if (problem != null) {
            Responses.oauthError(request.exchange(), 400, "invalid_grant", problem);
            return;
        }
        answer(request, tokens.issue(redeemed.get().grant(), knobs.accessTokenLifetime, true, now));
    }

    private static String problemWith(AuthorizationCodes.PendingCode pending, Map<String, String> form, String clientId,
                                      Instant now) {
        if (!now.isBefore(pending.expiresAt())) {
            return "The authorization code has expired";
        }
        if (!pending.grant().clientId().equals(clientId)) {
            return "The authorization code was issued to another client";
        }
        if (!Objects.equals(pending.redirectUri(), form.get("redirect_uri"))) {
            return "redirect_uri does not match the authorization request";
        }
        if (!Pkce.verifies(pending.codeChallenge(), pending.challengeMethod(), form.get("code_verifier"))) {
            return "PKCE verification failed";
        }
        return null;
    }

    private void refresh(Request request, Map<String, String> form, String clientId) throws IOException {
        if (form.get("refresh_token") == null) {
            Responses.oauthError(request.exchange(), 400, "invalid_request", "refresh_token is required");
            return;
        }
        if (knobs.failRefreshWithInvalidGrant) {
            Responses.oauthError(request.exchange(), 400, "invalid_grant", "The refresh token has been revoked");
            return;
        }
        boolean rotate = knobs.rotateRefreshTokens;
        Optional<Grant> grant = tokens.useRefreshToken(form.get("refresh_token"), clientId, rotate,
                knobs.rotationGrace, Instant.now());
        if (grant.isEmpty()) {
            Responses.oauthError(request.exchange(), 400, "invalid_grant", "The refresh token is invalid or revoked");
            return;
        }
        // Whether access tokens issued earlier stay valid until they expire or end here is unconfirmed (research
        // section 6 lists it): no source says, so it is a knob, off (they stay valid) by default.
        if (knobs.refreshEndsEarlierAccessTokens) {
            tokens.endAccessTokensOf(grant.get());
        }
        answer(request, tokens.issue(grant.get(), knobs.accessTokenLifetime, rotate, Instant.now()));
    }

    private void answer(Request request, TokenStore.Issued issued) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "bearer");
        body.put("expires_in", issued.expiresInSeconds());
        if (issued.refreshToken() != null) {
            body.put("refresh_token", issued.refreshToken());
        }
        body.put("scope", issued.grant().scopeString());
        knobs.answerShape.write(request.exchange(), body);
    }

    TokenRequest lastRequest() {
        return lastRequest.get();
    }

    List<TokenRequest> recordedRequests() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    void clearRecorded() {
        lastRequest.set(null);
        synchronized (recorded) {
            recorded.clear();
        }
    }
}
