package com.podium.trainingpeaks.standin;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Outstanding authorization codes: single use (removed on first redemption attempt), bound to the
 * request, valid 60 minutes (S4 guide and authentication.md, S6 OAUTH_FIX_SUMMARY, S7 rate-limits). */
final class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofMinutes(60);

    record PendingCode(Grant grant, String redirectUri, String codeChallenge, String challengeMethod, Instant expiresAt) {
    }

    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();

    String issue(Grant grant, String redirectUri, String codeChallenge, String challengeMethod, Instant now) {
        codes.values().removeIf(pending -> pending.expiresAt().isBefore(now)); // keep a long-running demo bounded
        String code = Secrets.newToken(Secrets.CODE_PREFIX);
        codes.put(code, new PendingCode(grant, redirectUri, codeChallenge, challengeMethod, now.plus(LIFETIME)));
        return code;
    }

    /** Removes the code whatever happens next, so a failed exchange burns it like a real server does. */
    Optional<PendingCode> redeem(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(codes.remove(code));
    }

    int outstanding() {
        return codes.size();
    }
}
