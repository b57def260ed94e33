package com.podium.connect.audit;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the audit consumer ({@code podium.audit.*}).
 *
 * @param groupId the Kafka consumer group; its committed offsets say how far the audit log has got
 * @param deadLetterTopic where records go that cannot be audited (malformed, or failing past the retries)
 * @param autoStartup whether the consumer starts with the application (off for the {@code replay} command)
 * @param retryInitialInterval first pause before retrying a record that failed for a transient reason
 * @param retryMaxElapsed how long a failing record is retried before it goes to the dead-letter topic
 */
@ConfigurationProperties("podium.audit")
@Validated
record AuditProperties(
        @NotBlank @DefaultValue("podium-audit") String groupId,
        @NotBlank @DefaultValue("podium.token-events.DLT") String deadLetterTopic,
        @DefaultValue("true") boolean autoStartup,
        @DurationMin(millis = 1) @DefaultValue("500ms") Duration retryInitialInterval,
        @DurationMin(millis = 0) @DefaultValue("2m") Duration retryMaxElapsed) {
}
