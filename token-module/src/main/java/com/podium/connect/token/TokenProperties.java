package com.podium.connect.token;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the token module keeps tokens fresh and safe ({@code podium.tokens.*}; README, "Token module").
 *
 * @param refreshMargin refresh when less than min(refreshMargin, lifetime / 2) is left
 * @param leaseDuration how long one refresher may hold an athlete's refresh lease; longer than the HTTP timeouts
 * @param connectTimeout HTTP connect timeout for the token endpoint
 * @param readTimeout HTTP request timeout for the token endpoint
 * @param maxTransientFailures consecutive transient refresh failures after which the token is revoked
 * @param backoffInitial wait after the first transient failure; doubles with each further one
 * @param backoffMax the longest wait between attempts
 * @param scheduler the background refresher
 * @param encryption the keys tokens are encrypted with at rest
 */
@ConfigurationProperties("podium.tokens")
@Validated
public record TokenProperties(
        @DurationMin(millis = 0) @DefaultValue("PT1M") Duration refreshMargin,
        @DurationMin(seconds = 1) @DefaultValue("PT30S") Duration leaseDuration,
        @DurationMin(millis = 1) @DefaultValue("PT5S") Duration connectTimeout,
        @DurationMin(millis = 1) @DefaultValue("PT10S") Duration readTimeout,
        @Positive @DefaultValue("8") int maxTransientFailures,
        @DurationMin(millis = 1) @DefaultValue("PT30S") Duration backoffInitial,
        @DurationMin(millis = 1) @DefaultValue("PT30M") Duration backoffMax,
        @Valid @DefaultValue Scheduler scheduler,
        @DefaultValue Encryption encryption) {

    /**
     * @param enabled whether this instance refreshes due tokens in the background
     * @param interval pause between two sweeps
     * @param batchSize how many due tokens one sweep claims
     */
    public record Scheduler(@DefaultValue("true") boolean enabled,
            @DurationMin(millis = 1) @DefaultValue("PT10S") Duration interval, @Positive @DefaultValue("50") int batchSize) {
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
