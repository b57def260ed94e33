package com.podium.connect.token.refresh;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenProperties;
import com.podium.connect.token.health.TokenEndpointHealth;

/**
 * A circuit breaker on revocations. One athlete rejected with {@code invalid_grant} is that athlete's grant; many
 * different athletes rejected the same way within a short window looks like our fault (a proxy, a wrong endpoint,
 * a provider bug) and would revoke everyone in one sweep. Past the limit, revocations are held — tokens kept,
 * retried with back-off, health DOWN — until any refresh succeeds. Per instance.
 */
@Component
public class RevocationGuard {

    private record Rejection(String athleteId, Instant at) {
    }

    private final Map<String, Deque<Rejection>> recent = new HashMap<>();
    private final TokenProperties.RevocationGuard settings;
    private final TokenEndpointHealth health;
    private volatile boolean paused;

    public RevocationGuard(TokenProperties properties, TokenEndpointHealth health) {
        this.settings = properties.revocationGuard();
        this.health = health;
    }

    /** Records a rejection; true when this athlete may be revoked, false when revocations are held. */
    public synchronized boolean mayRevoke(String athleteId, TokenEndpointException rejection, Instant now) {
        String cause = rejection.errorCode() + " (HTTP " + rejection.httpStatus() + ")";
        Deque<Rejection> window = recent.computeIfAbsent(cause, c -> new ArrayDeque<>());
        window.removeIf(r -> r.athleteId().equals(athleteId) || r.at().isBefore(now.minus(settings.window())));
        window.addLast(new Rejection(athleteId, now));
        if (window.size() >= settings.maxAthletes()) {
            paused = true;
        }
        if (paused) {
            health.revocationsPaused("Revocations paused: " + cause,
                    window.size() + " different athletes rejected with " + cause + " within " + settings.window());
        }
        return !paused;
    }

    /**
     * A refresh went through: the provider accepts our requests, so rejections are about the grants again. Only
     * ends a pause; successes do not thin out the window, or a busy instance would never notice a wave.
     */
    public void refreshSucceeded() {
        if (paused) {
            synchronized (this) {
                paused = false;
                recent.clear();
            }
        }
    }

    public boolean paused() {
        return paused;
    }
}
