package com.podium.connect.sync;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code podium.sync.*}: the background sync of TrainingPeaks data into the store.
 *
 * @param enabled whether this instance syncs (every instance may; they split the work)
 * @param interval how long after a sync an account is due again
 * @param pollInterval how often an idle sweeper looks for due accounts
 * @param concurrency accounts synced at once on this instance
 * @param jobDeadline no TrainingPeaks call of an account's sync starts after this; its lease lasts a minute longer
 * @param fullInterval how often an account's whole window is read again by range (incremental reads in between)
 * @param daysBack days of history kept, today included (the athlete page's 90 days plus 42 to warm fitness up)
 * @param daysAhead planned days kept after today (the rest of the week, and a day of slack)
 * @param recentDays the days read again by range on every sync where there is no changed feed (metrics, coaches)
 * @param maxBackoff longest wait after failures before an account is tried again
 * @param changesPageSize page size of {@code /v2/workouts/changed} (TrainingPeaks allows at most 100)
 */
@ConfigurationProperties("podium.sync")
@Validated
public record SyncProperties(
        @DefaultValue("true") boolean enabled,
        @DurationMin(seconds = 1) @DefaultValue("5m") Duration interval,
        @DurationMin(millis = 10) @DefaultValue("1s") Duration pollInterval,
        @Min(1) @DefaultValue("4") int concurrency,
        @DurationMin(seconds = 1) @DefaultValue("2m") Duration jobDeadline,
        @DurationMin(seconds = 1) @DefaultValue("24h") Duration fullInterval,
        @Min(1) @Max(400) @DefaultValue("132") int daysBack,
        @Min(0) @Max(30) @DefaultValue("7") int daysAhead,
        @Min(1) @Max(45) @DefaultValue("14") int recentDays,
        @DurationMin(seconds = 1) @DefaultValue("30m") Duration maxBackoff,
        @Min(1) @Max(100) @DefaultValue("100") int changesPageSize) {

    Duration lease() {
        return jobDeadline.plusMinutes(1);
    }
}
