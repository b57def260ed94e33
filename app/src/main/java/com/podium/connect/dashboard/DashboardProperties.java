package com.podium.connect.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code podium.dashboard.*}.
 *
 * @param pageBudget the longest a page waits for TrainingPeaks before it shows what it has (last good answers,
 *        "still loading"); the fetches go on in the background for the next load
 */
@ConfigurationProperties("podium.dashboard")
record DashboardProperties(@DefaultValue("1500ms") Duration pageBudget) {
}
