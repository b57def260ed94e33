package com.podium.connect.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

class ReplayCommandLineTest {

    @Test
    void recognisesTheCommandAsTheFirstNonOptionArgument() {
        assertThat(ReplayCommandLine.isReplay("replay", "--athlete=a")).isTrue();
        assertThat(ReplayCommandLine.isReplay("--spring.profiles.active=prod", "replay")).isTrue();
        assertThat(ReplayCommandLine.isReplay()).isFalse();
        assertThat(ReplayCommandLine.isReplay("--athlete=a")).isFalse();
        assertThat(ReplayCommandLine.isReplay("serve", "replay")).isFalse();
    }

    @Test
    void parsesEveryOption() {
        ReplayRequest byTime = ReplayCommandLine.parse(new DefaultApplicationArguments("replay", "--athlete=a-42",
                "--from=2026-11-25T01:00:00+01:00", "--to-topic", "--logging.threshold.console=info"));
        assertThat(byTime).isEqualTo(new ReplayRequest("a-42", Instant.parse("2026-11-25T00:00:00Z"), null, null,
                ReplayTarget.TOPIC));

        ReplayRequest byOffset = ReplayCommandLine.parse(new DefaultApplicationArguments("replay", "--offset=12",
                "--partition=1"));
        assertThat(byOffset).isEqualTo(new ReplayRequest(null, null, 12L, 1, ReplayTarget.CONSOLE));
    }

    @Test
    void rejectsContradictionsAndTypos() {
        assertThatThrownBy(() -> ReplayCommandLine.parse(new DefaultApplicationArguments("replay",
                "--from=2026-11-25T00:00:00Z", "--offset=3"))).isInstanceOf(InvalidReplayRequestException.class);
        assertThatThrownBy(() -> ReplayCommandLine.parse(new DefaultApplicationArguments("replay", "--partition=1")))
            .hasMessageContaining("partition only goes with an offset");
        assertThatThrownBy(() -> ReplayCommandLine.parse(new DefaultApplicationArguments("replay", "--offset=-1")))
            .hasMessageContaining("offset must be 0 or more");
        assertThatThrownBy(() -> ReplayCommandLine.parse(new DefaultApplicationArguments("replay", "a-42")))
            .hasMessageContaining("unexpected argument");
        assertThatThrownBy(() -> ReplayCommandLine.parse(new DefaultApplicationArguments("replay", "--athlete")))
            .hasMessageContaining("--athlete needs a value");
    }

    @Test
    void replayRunsQuietlyWithoutListeners() {
        assertThat(ReplayCommandLine.defaultProperties())
            .containsEntry("spring.kafka.listener.auto-startup", "false")
            .containsEntry("podium.audit.auto-startup", "false")
            .containsEntry("podium.tokens.scheduler.enabled", "false");
    }
}
