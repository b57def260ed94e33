package com.podium.trainingpeaks.standin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Behaviour switches; volatile/atomic because tests flip them while handler threads read them. */
final class Knobs {

    static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(3600);

    volatile boolean autoApprove = true;
    final AtomicBoolean denyNextAuthorization = new AtomicBoolean();
    volatile Duration accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
    volatile boolean rotateRefreshTokens = true;
    volatile boolean failRefreshWithInvalidGrant;
    volatile boolean outage;
    volatile Duration tokenDelay = Duration.ZERO;
    volatile Duration apiDelay = Duration.ZERO;
    final FailureQueue tokenFailures = new FailureQueue();
    final FailureQueue apiFailures = new FailureQueue();

    void reset() {
        autoApprove = true;
        denyNextAuthorization.set(false);
        accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
        rotateRefreshTokens = true;
        failRefreshWithInvalidGrant = false;
        outage = false;
        tokenDelay = Duration.ZERO;
        apiDelay = Duration.ZERO;
        tokenFailures.arm(0, null);
        apiFailures.arm(0, null);
    }

    Map<String, Object> snapshot() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("autoApprove", autoApprove);
        json.put("denyNextAuthorization", denyNextAuthorization.get());
        json.put("accessTokenLifetimeSeconds", accessTokenLifetime.toMillis() / 1000.0);
        json.put("rotateRefreshTokens", rotateRefreshTokens);
        json.put("failRefreshWithInvalidGrant", failRefreshWithInvalidGrant);
        json.put("outage", outage);
        json.put("delayMillis", tokenDelay.toMillis());
        json.put("apiDelayMillis", apiDelay.toMillis());
        json.put("failNextTokenCalls", tokenFailures.snapshot());
        json.put("failNextApiCalls", apiFailures.snapshot());
        return json;
    }
}
