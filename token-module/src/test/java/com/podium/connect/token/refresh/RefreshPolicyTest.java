package com.podium.connect.token.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.podium.connect.token.TestSettings;

class RefreshPolicyTest {

    final RefreshPolicy policy = new RefreshPolicy(TestSettings.defaults());

    final Instant issued = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void longLivedTokensRefreshTheConfiguredMarginEarly() {
        assertThat(policy.refreshAt(issued, issued.plusSeconds(3600))).isEqualTo(issued.plusSeconds(3540));
        assertThat(policy.refreshAt(issued, issued.plusSeconds(300))).isEqualTo(issued.plusSeconds(240));
    }

    @Test
    void shortLivedTokensRefreshAtHalfTheirLifetime() {
        assertThat(policy.refreshAt(issued, issued.plusSeconds(90))).isEqualTo(issued.plusSeconds(45));
        assertThat(policy.refreshAt(issued, issued.plusSeconds(2))).isEqualTo(issued.plusSeconds(1));
    }

    @Test
    void backoffDoublesUpToTheCap() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.backoff(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.backoff(60)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aLongerRetryAfterWinsUpToTheCap() {
        assertThat(policy.backoff(1, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.backoff(3, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.backoff(1, Duration.ofDays(3))).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.backoff(1, null)).isEqualTo(Duration.ofSeconds(30));
    }
}
