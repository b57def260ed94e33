package com.podium.trainingpeaks.standin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Access and refresh tokens. One lock for everything: simple, and refresh rotation must be atomic anyway. */
final class TokenStore {

    /** A fresh token pair; {@code refreshToken} is null when none was issued. */
    record Issued(String accessToken, String refreshToken, long expiresInSeconds, Grant grant) {
        @Override
        public String toString() {
            return "Issued[expiresInSeconds=" + expiresInSeconds + ", grant=" + grant + "]";
        }
    }

    private static final class AccessEntry {
        final Grant grant;
        Instant expiresAt;
        boolean revoked;

        AccessEntry(Grant grant, Instant expiresAt) {
            this.grant = grant;
            this.expiresAt = expiresAt;
        }
    }

    private static final class RefreshEntry {
        final Grant grant;
        boolean revoked;
        /** Rotated out with a grace period: works until then. */
        Instant rotatedOutUntil;

        RefreshEntry(Grant grant) {
            this.grant = grant;
        }
    }

    private final Map<String, AccessEntry> access = new HashMap<>();
    private final Map<String, RefreshEntry> refresh = new HashMap<>();
    private final List<String> issuedAccess = new ArrayList<>();
    private final List<String> issuedRefresh = new ArrayList<>();

    synchronized Issued issue(Grant grant, Duration lifetime, boolean withRefreshToken, Instant now) {
        String accessToken = Secrets.newAccessToken();
        access.put(accessToken, new AccessEntry(grant, now.plus(lifetime)));
        issuedAccess.add(accessToken);
        String refreshToken = null;
        if (withRefreshToken) {
            refreshToken = Secrets.newRefreshToken();
            refresh.put(refreshToken, new RefreshEntry(grant));
            issuedRefresh.add(refreshToken);
        }
        long expiresIn = (lifetime.toMillis() + 999) / 1000; // round up so a sub-second lifetime never reads as 0
        return new Issued(accessToken, refreshToken, expiresIn, grant);
    }

    /** The grant behind a live access token (known, not revoked, not expired). */
    synchronized Optional<Grant> authenticate(String accessToken, Instant now) {
        AccessEntry entry = accessToken == null ? null : access.get(accessToken);
        if (entry == null || entry.revoked || !now.isBefore(entry.expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(entry.grant);
    }

    /**
     * Checks a refresh token for this client and, when rotating, invalidates it in the same step so two
     * concurrent refreshes with one token cannot both win (the real provider behaves the same).
     */
    synchronized Optional<Grant> useRefreshToken(String refreshToken, String clientId, boolean rotate) {
        return useRefreshToken(refreshToken, clientId, rotate, Duration.ZERO, Instant.now());
    }

    /**
     * Like {@link #useRefreshToken(String, String, boolean)}; with a {@code grace} period a rotated-out token keeps
     * working until {@code now + grace} (counted from its first use), as some providers allow for lost answers.
     */
    synchronized Optional<Grant> useRefreshToken(String refreshToken, String clientId, boolean rotate, Duration grace,
                                                 Instant now) {
        RefreshEntry entry = refreshToken == null ? null : refresh.get(refreshToken);
        if (entry == null || entry.revoked || !entry.grant.clientId().equals(clientId)) {
            return Optional.empty();
        }
        if (entry.rotatedOutUntil != null) {
            if (!now.isBefore(entry.rotatedOutUntil)) {
                entry.revoked = true;
                return Optional.empty();
            }
            return Optional.of(entry.grant);
        }
        if (rotate) {
            if (grace.isZero()) {
                entry.revoked = true;
            } else {
                entry.rotatedOutUntil = now.plus(grace);
            }
        }
        return Optional.of(entry.grant);
    }

    /**
     * The grant behind an access token presented to deauthorize: not revoked, and not expired unless
     * {@code acceptExpired} (whether TrainingPeaks accepts an expired one is not documented).
     */
    synchronized Optional<Grant> ownerOfAccessToken(String accessToken, Instant now, boolean acceptExpired) {
        AccessEntry entry = accessToken == null ? null : access.get(accessToken);
        if (entry == null || entry.revoked || (!acceptExpired && !now.isBefore(entry.expiresAt))) {
            return Optional.empty();
        }
        return Optional.of(entry.grant);
    }

    synchronized void revoke(long athleteId, String clientId) {
        access.values().stream().filter(e -> owns(e.grant, athleteId, clientId)).forEach(e -> e.revoked = true);
        refresh.values().stream().filter(e -> owns(e.grant, athleteId, clientId)).forEach(e -> e.revoked = true);
    }

    /** Whether the user still has a refresh token that works: the grant is live until deauthorized or revoked. */
    synchronized boolean hasLiveRefreshToken(long athleteId) {
        return refresh.values().stream().anyMatch(e -> !e.revoked && e.grant.athleteId() == athleteId);
    }

    synchronized void revokeUser(long athleteId) {
        access.values().stream().filter(e -> e.grant.athleteId() == athleteId).forEach(e -> e.revoked = true);
        refresh.values().stream().filter(e -> e.grant.athleteId() == athleteId).forEach(e -> e.revoked = true);
    }

    /** Ends every access token issued for this grant so far (a refresh that ends the earlier ones). */
    synchronized void endAccessTokensOf(Grant grant) {
        access.values().stream().filter(e -> e.grant.equals(grant)).forEach(e -> e.revoked = true);
    }

    synchronized void revokeAll() {
        access.values().forEach(e -> e.revoked = true);
        refresh.values().forEach(e -> e.revoked = true);
    }

    synchronized void expireAccessTokensNow(Instant now) {
        access.values().forEach(e -> e.expiresAt = now);
    }

    synchronized List<String> issuedAccessTokens() {
        return List.copyOf(issuedAccess);
    }

    synchronized List<String> issuedRefreshTokens() {
        return List.copyOf(issuedRefresh);
    }

    /** Counts only, never values: this feeds GET /_standin/state. */
    synchronized Map<String, Object> stats(Instant now) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("issuedAccessTokens", issuedAccess.size());
        stats.put("issuedRefreshTokens", issuedRefresh.size());
        stats.put("liveAccessTokens", access.values().stream()
                .filter(e -> !e.revoked && now.isBefore(e.expiresAt)).count());
        stats.put("liveRefreshTokens", refresh.values().stream().filter(e -> !e.revoked).count());
        return stats;
    }

    private static boolean owns(Grant grant, long athleteId, String clientId) {
        return grant.athleteId() == athleteId && grant.clientId().equals(clientId);
    }
}
