package com.podium.connect.token.refresh;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.podium.connect.token.TokenProperties;

/** When to refresh and how long to wait after failures. */
@Component
public class RefreshPolicy {

    private final TokenProperties settings;

    public RefreshPolicy(TokenProperties settings) {
        this.settings = settings;
    }

    /**
     * {@code expiresAt - min(margin, lifetime / 2)}: a fixed 60 s margin is thin for hour-long tokens and would
     * refresh a 90 s sandbox token almost continuously; half the lifetime adapts to both.
     */
    public Instant refreshAt(Instant issuedAt, Instant expiresAt) {
        Duration lifetime = Duration.between(issuedAt, expiresAt);
        Duration lead = min(settings.refreshMargin(), lifetime.dividedBy(2));
        return expiresAt.minus(lead.isNegative() ? Duration.ZERO : lead);
    }

    /** Exponential back-off after the {@code attempt}-th consecutive failure, capped. */
    public Duration backoff(int attempt) {
        Duration wait = settings.backoffInitial();
        for (int i = 1; i < attempt && wait.compareTo(settings.backoffMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return min(wait, settings.backoffMax());
    }

    /**
     * The wait after the {@code attempt}-th failure in a row: the back-off, or the provider's {@code Retry-After}
     * when that is longer (capped at {@code backoff-max}, so a hostile value cannot park a token for days).
     */
    public Duration backoff(int attempt, Duration retryAfter) {
        Duration wait = backoff(attempt);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = min(retryAfter, settings.backoffMax());
        }
        return wait;
    }

    public Duration leaseDuration() {
        return settings.leaseDuration();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
