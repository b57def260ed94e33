package com.podium.connect.token.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.podium.connect.token.TokenProperties;

class RefreshPolicyTest {

    final RefreshPolicy policy = new RefreshPolicy(new TokenProperties(Duration.ofMinutes(1), Duration.ofSeconds(30),
            Duration.ofSeconds(5), Duration.ofSeconds(10), 4, Duration.ofSeconds(30), Duration.ofMinutes(5),
            new TokenProperties.Scheduler(true, Duration.ofSeconds(10), 50),
            new TokenProperties.Encryption(null, null)));

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
    void exhaustedAtTheConfiguredLimit() {
        assertThat(policy.exhausted(3)).isFalse();
        assertThat(policy.exhausted(4)).isTrue();
    }
}
