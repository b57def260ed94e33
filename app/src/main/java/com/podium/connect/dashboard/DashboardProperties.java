package com.podium.connect.dashboard;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code podium.dashboard.*}.
 *
 * @param pageBudget the longest a page waits for TrainingPeaks before it shows what it has (the store's data
 *        with its "as of" time, "still loading"); the fetches go on in the background for the next load. Well under
 *        a second, so the first paint is too when TrainingPeaks is slow or down
 * @param checkWait the longest a page whose data the store already holds waits for its one uncached TrainingPeaks
 *        call (the check that finds a revocation on the load itself): TrainingPeaks normally answers well within it,
 *        and when it is slow or down the stored data goes out at once instead of after the whole budget
 */
@ConfigurationProperties("podium.dashboard")
record DashboardProperties(@DefaultValue("800ms") Duration pageBudget, @DefaultValue("250ms") Duration checkWait) {

    /** When a page that can be answered from the store stops waiting for its check. */
    Instant checkDeadline(Instant started, Instant pageDeadline) {
        Instant checked = started.plus(checkWait);
        return checked.isBefore(pageDeadline) ? checked : pageDeadline;
    }
}
