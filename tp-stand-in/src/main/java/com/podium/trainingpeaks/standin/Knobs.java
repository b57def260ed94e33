package com.podium.trainingpeaks.standin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Behaviour switches; volatile/atomic because tests flip them while handler threads read them. */
final class Knobs {

    /** {@code expires_in} 600 as documented (S4 guide); 3600 was observed once (S4 examples/token-response.json). */
    static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(600);
    /** The live spelling (S6 HRV_FIX.md); the wiki example says {@code HRV} (S3). */
    static final String DEFAULT_HRV_KEY = "Hrv";
    static final String DEFAULT_CHANGES_ROUTE = "changed";

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
    /** Off: client credentials count only in the POST body (S1 a2946d9/eaf3f28). On: HTTP Basic too (S1 4bb2c0a, 2024). */
    volatile boolean acceptBasicClientAuthentication;
    /** Undocumented either way (research section 6); off is the strict answer. */
    volatile boolean deauthorizeAcceptsExpiredToken;
    /** Whether athletes created by the next approvals are premium (IsPremium). */
    volatile boolean newAthletesPremium = true;
    volatile String hrvKey = DEFAULT_HRV_KEY;
    /** With rotation on: how long a rotated-out refresh token keeps working (zero = dies at once). */
    volatile Duration rotationGrace = Duration.ZERO;
    /**
     * Whether a refresh ends the access tokens issued earlier for the same grant. Unconfirmed either way (research
     * section 6: no source says); off keeps them valid until they expire.
     */
    volatile boolean refreshEndsEarlierAccessTokens;
    final TokenAnswerShape answerShape = new TokenAnswerShape();
    /** The changed feed's route: {@code changed} (the wiki's examples, S4, S7) or {@code changes} (its endpoint line). */
    volatile String changesRoute = DEFAULT_CHANGES_ROUTE;
    /** The zone of the changed feed's {@code date}: UTC as documented, or Mountain like LastModifiedDate. */
    volatile java.time.ZoneId changesDateZone = java.time.ZoneOffset.UTC;
    /** LastModifiedDate in UTC with Z (Workouts-Get-Changed example) instead of Mountain local time (Workouts-Object). */
    volatile boolean lastModifiedInUtc;
    /** Every page of the changed feed repeats all deleted ids instead of paging them like the modified workouts. */
    volatile boolean deletedOnEveryPage;

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
        acceptBasicClientAuthentication = false;
        deauthorizeAcceptsExpiredToken = false;
        newAthletesPremium = true;
        hrvKey = DEFAULT_HRV_KEY;
        rotationGrace = Duration.ZERO;
        refreshEndsEarlierAccessTokens = false;
        answerShape.reset();
        changesRoute = DEFAULT_CHANGES_ROUTE;
        changesDateZone = java.time.ZoneOffset.UTC;
        lastModifiedInUtc = false;
        deletedOnEveryPage = false;
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
        json.put("acceptBasicClientAuthentication", acceptBasicClientAuthentication);
        json.put("deauthorizeAcceptsExpiredToken", deauthorizeAcceptsExpiredToken);
        json.put("newAthletesPremium", newAthletesPremium);
        json.put("refreshEndsEarlierAccessTokens", refreshEndsEarlierAccessTokens);
        json.put("hrvKey", hrvKey);
        json.put("rotationGraceMillis", rotationGrace.toMillis());
        json.put("tokenAnswer", answerShape.snapshot());
        json.put("changesRoute", changesRoute);
        json.put("changesDateZone", changesDateZone.getId());
        json.put("lastModifiedInUtc", lastModifiedInUtc);
        json.put("deletedOnEveryPage", deletedOnEveryPage);
        return json;
    }
}
