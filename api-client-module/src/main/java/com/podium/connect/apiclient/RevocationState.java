package com.podium.connect.apiclient;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

/**
 * Which athletes' tokens were revoked, as learnt from {@code TokenRevoked} on Kafka, until an
 * {@code AuthorizationCompleted} for the athlete arrives. In memory, per instance: every instance reads every token
 * event. After a restart it starts empty, which is safe: a revoked athlete has no stored token, so calls still end
 * in {@link ReauthorizationRequiredException} ("not connected").
 */
@Component
public class RevocationState {

    /**
     * @param reason the {@code TokenRevoked} reason ({@code REFRESH_REJECTED}, {@code REFRESH_FAILURES_EXHAUSTED},
     *        {@code DISCONNECTED})
     * @param detail short human-readable explanation, never a token
     * @param revokedAt when the token module revoked it
     */
    public record Revocation(String reason, String detail, Instant revokedAt) {
    }

    private final ConcurrentMap<String, Revocation> revoked = new ConcurrentHashMap<>();

    public boolean isRevoked(String athleteId) {
        return athleteId != null && revoked.containsKey(athleteId);
    }

    public Optional<Revocation> revocation(String athleteId) {
        return athleteId == null ? Optional.empty() : Optional.ofNullable(revoked.get(athleteId));
    }

    void revoke(String athleteId, Revocation revocation) {
        revoked.put(athleteId, revocation);
    }

    void lift(String athleteId) {
        revoked.remove(athleteId);
    }

    /** Fails fast, without a token lookup or HTTP, while the athlete is revoked. */
    void ensureNotRevoked(String athleteId) {
        Revocation revocation = revoked.get(athleteId);
        if (revocation != null) {
            throw new ReauthorizationRequiredException(athleteId, "revoked: " + revocation.reason());
        }
    }
}
