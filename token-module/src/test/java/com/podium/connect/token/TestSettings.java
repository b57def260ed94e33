package com.podium.connect.token;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/** {@link TokenProperties} as bound with their defaults, for tests that build beans by hand. */
public final class TestSettings {

    private TestSettings() {
    }

    public static TokenProperties defaults() {
        return withCall(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    public static TokenProperties withCall(Duration connectTimeout, Duration callTimeout) {
        return new TokenProperties(Duration.ofMinutes(1), Duration.ofSeconds(30), connectTimeout, callTimeout,
                callTimeout,
                DataSize.ofKilobytes(64), Duration.ofSeconds(600), Duration.ofSeconds(15), Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofMinutes(5), new TokenProperties.Scheduler(false, Duration.ofSeconds(1), 32),
                new TokenProperties.RevocationGuard(5, Duration.ofMinutes(1)), new TokenProperties.Encryption(null, null));
    }
}
