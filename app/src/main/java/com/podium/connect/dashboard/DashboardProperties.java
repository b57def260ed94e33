package com.podium.connect.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code podium.dashboard.*}.
 *
 * @param pageBudget the longest a page waits for TrainingPeaks before it shows what it has (the store's data
 *        with its "as of" time, "still loading"); the fetches go on in the background for the next load. Well under
 *        a second, so the first paint is too when TrainingPeaks is slow or down
 */
@ConfigurationProperties("podium.dashboard")
record DashboardProperties(@DefaultValue("800ms") Duration pageBudget) {
}
