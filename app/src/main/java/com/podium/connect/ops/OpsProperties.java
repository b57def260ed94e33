package com.podium.connect.ops;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ops tooling ({@code podium.ops.*}).
 *
 * @param replayTopic where {@code target=TOPIC} replays go
 * @param replayTimeout how long one replay may take to read up to the end offsets it captured at the start
 * @param replayMaxEvents a replay matching more events than this fails: narrow it by athlete or start point
 */
@ConfigurationProperties("podium.ops")
@Validated
record OpsProperties(
        @NotBlank @DefaultValue("podium.token-events.replay") String replayTopic,
        @DurationMin(seconds = 1) @DefaultValue("60s") Duration replayTimeout,
        @Positive @DefaultValue("10000") int replayMaxEvents) {
}
