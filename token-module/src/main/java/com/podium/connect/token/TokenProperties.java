package com.podium.connect.token;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.springframework.util.unit.DataSize;

/**
 * How the token module keeps tokens fresh and safe ({@code podium.tokens.*}; README, "Token module").
 *
 * @param refreshMargin refresh when less than min(refreshMargin, lifetime / 2) is left
 * @param leaseDuration how long one refresher's claim on an athlete lasts without renewal; renewed every third of it
 *        while the refresh is in flight, and must exceed {@code callTimeout}
 * @param connectTimeout TCP connect timeout for the token endpoint
 * @param callTimeout hard deadline of one whole token-endpoint call: connect, headers and body
 * @param lateAnswerLimit how long, counted from its start, a refresh call that passed {@code callTimeout} may still
 *        answer: its caller stopped waiting at the deadline, but the lease is kept until then and an answer that
 *        arrives is written if the version fence holds (with rotation it may be the only valid refresh token); at
 *        least {@code callTimeout}, shorter than {@code leaseDuration}
 * @param maxResponseSize token-endpoint answers larger than this are refused (a token answer is a few hundred bytes)
 * @param defaultLifetime access-token lifetime assumed when an answer has no {@code expires_in} (RFC 6749 5.1
 *        only recommends it); TrainingPeaks documents 600 s
 * @param readWait how long a read waits for someone else's refresh of an expired token before giving up
 * @param answerWriteRetry how long a received answer's write is retried through a database outage
 * @param backoffInitial wait after the first failure; doubles with each further one
 * @param backoffMax the longest wait between attempts (also caps a provider's {@code Retry-After})
 * @param scheduler the background refresher
 * @param revocationGuard when many athletes are rejected alike, stop revoking
 * @param encryption the keys tokens are encrypted with at rest
 */
@ConfigurationProperties("podium.tokens")
@Validated
public record TokenProperties(
        @DurationMin(millis = 0) @DefaultValue("PT1M") Duration refreshMargin,
        @DurationMin(seconds = 1) @DefaultValue("PT30S") Duration leaseDuration,
        @DurationMin(millis = 1) @DefaultValue("PT5S") Duration connectTimeout,
        @DurationMin(millis = 1) @DefaultValue("PT10S") Duration callTimeout,
        @DurationMin(millis = 1) @DefaultValue("PT20S") Duration lateAnswerLimit,
        @DefaultValue("64KB") DataSize maxResponseSize,
        @DurationMin(seconds = 1) @DefaultValue("PT10M") Duration defaultLifetime,
        @DurationMin(millis = 0) @DefaultValue("PT15S") Duration readWait,
        @DurationMin(millis = 0) @DefaultValue("PT5M") Duration answerWriteRetry,
        @DurationMin(millis = 1) @DefaultValue("PT30S") Duration backoffInitial,
        @DurationMin(millis = 1) @DefaultValue("PT30M") Duration backoffMax,
        @Valid @DefaultValue Scheduler scheduler,
        @Valid @DefaultValue RevocationGuard revocationGuard,
        @DefaultValue Encryption encryption) {

    public TokenProperties {
        if (callTimeout.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("podium.tokens.call-timeout (" + callTimeout
                    + ") must be shorter than podium.tokens.lease-duration (" + leaseDuration + ")");
        }
        if (lateAnswerLimit.compareTo(callTimeout) < 0 || lateAnswerLimit.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("podium.tokens.late-answer-limit (" + lateAnswerLimit
                    + ") must be at least podium.tokens.call-timeout (" + callTimeout
                    + ") and shorter than podium.tokens.lease-duration (" + leaseDuration + ")");
        }
    }

    /**
     * @param enabled whether this instance refreshes due tokens in the background
     * @param interval pause before looking again when nothing is due
     * @param concurrency how many refreshes this instance runs at once
     */
    public record Scheduler(@DefaultValue("true") boolean enabled,
            @DurationMin(millis = 1) @DefaultValue("PT1S") Duration interval,
            @Positive @DefaultValue("32") int concurrency) {
    }

    /**
     * @param maxAthletes this many different athletes rejected with the same error within {@code window} pause
     *        revocations until a refresh succeeds
     * @param window how far back rejections count
     */
    public record RevocationGuard(@Positive @DefaultValue("5") int maxAthletes,
            @DurationMin(millis = 1) @DefaultValue("PT1M") Duration window) {
    }

    /**
     * @param keys {@code id:base64,id2:base64}, each a 32-byte AES key ({@code PODIUM_TOKEN_KEYS})
     * @param activeKeyId the key new ciphertexts are made with ({@code PODIUM_TOKEN_ACTIVE_KEY}); may be left out
     *        when there is only one key
     */
    public record Encryption(String keys, String activeKeyId) {

        @Override
        public String toString() {
            return "Encryption[keys=***, activeKeyId=" + activeKeyId + "]";
        }
    }
}
