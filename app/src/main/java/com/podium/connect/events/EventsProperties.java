package com.podium.connect.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Settings of event delivery to Kafka ({@code podium.events.*}), checked at start-up.
 *
 * @param partitions partitions of the token-events topic (and of the topics made like it) when it is created
 * @param relayEnabled whether this instance sends outbox rows to Kafka (off only for one-shot commands and tests)
 * @param batchSize outbox rows one relay round claims and sends pipelined
 * @param claimDuration how long a claim on outbox rows lasts; rows of a crashed instance are taken over once it
 *        has passed. Must exceed the producer's {@code delivery.timeout.ms} so a live owner never loses a claim
 *        while its sends are in flight.
 * @param pollInterval how often an idle relay looks for work it was not woken for (rows taken over from a dead
 *        instance, rows waiting for an earlier event of the same athlete)
 * @param maxBackoff the longest pause between rounds while Kafka keeps failing (doubling from 1 s)
 * @param resubmitInterval how often incomplete publications of in-process listeners are resubmitted
 * @param resubmitOlderThan only those older than this are resubmitted
 * @param keepCompleted completed publications of in-process listeners are purged after this
 */
@ConfigurationProperties("podium.events")
@Validated
public record EventsProperties(
        @DefaultValue("3") @Min(1) int partitions,
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("60s") @NotNull Duration claimDuration,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("30s") @NotNull Duration maxBackoff,
        @DefaultValue("1m") @NotNull Duration resubmitInterval,
        @DefaultValue("1m") @NotNull Duration resubmitOlderThan,
        @DefaultValue("7d") @NotNull Duration keepCompleted) {

    @AssertTrue(message = "claim-duration must be at least 2s and poll-interval and max-backoff positive")
    boolean isConsistent() {
        return claimDuration.compareTo(Duration.ofSeconds(2)) >= 0 && !pollInterval.isNegative() && !pollInterval.isZero()
                && !maxBackoff.isNegative() && !maxBackoff.isZero();
    }
}
