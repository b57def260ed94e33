package com.podium.connect.apiclient;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Per-athlete background syncs that keep the dashboard's recent data (profile, workouts, metrics) warm. A
 * {@code TokenRevoked} cancels the athlete's sync at once; a sync that runs into
 * {@link ReauthorizationRequiredException} cancels itself.
 */
@Component
public class SyncScheduler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

    private final TrainingPeaksApi api;
    private final RevocationState revocations;
    private final ThreadPoolTaskScheduler scheduler;
    private final ConcurrentMap<String, ScheduledFuture<?>> syncs = new ConcurrentHashMap<>();

    public SyncScheduler(TrainingPeaksApi api, RevocationState revocations) {
        this.api = api;
        this.revocations = revocations;
        this.scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("tp-sync-");
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    /**
     * Refreshes the athlete's recent data every {@code interval}, first one interval from now (the caller has just
     * read it). Replaces an earlier schedule of the athlete.
     *
     * @throws ReauthorizationRequiredException the athlete's token is revoked: there is nothing to sync
     */
    public void schedule(String athleteId, Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("A sync interval must be positive, not " + interval);
        }
        revocations.ensureNotRevoked(athleteId);
        ScheduledFuture<?> future = scheduler.scheduleWithFixedDelay(() -> sync(athleteId),
                Instant.now().plus(interval), interval);
        ScheduledFuture<?> earlier = syncs.put(athleteId, future);
        if (earlier != null) {
            earlier.cancel(false);
        }
        // A revocation that arrived between the check and the put must still win.
        if (revocations.isRevoked(athleteId)) {
            cancel(athleteId);
        }
    }

    /** Stops the athlete's sync; true when one was scheduled. */
    public boolean cancel(String athleteId) {
        ScheduledFuture<?> future = syncs.remove(athleteId);
        if (future == null) {
            return false;
        }
        future.cancel(true); // interrupts a sync waiting between retries
        return true;
    }

    public boolean isScheduled(String athleteId) {
        return syncs.containsKey(athleteId);
    }

    public Set<String> scheduledAthletes() {
        return Set.copyOf(syncs.keySet());
    }

    private void sync(String athleteId) {
        try {
            api.refreshRecent(athleteId);
        }
        catch (ReauthorizationRequiredException e) {
            log.info("Stopping the TrainingPeaks sync of athlete {}: {}", athleteId, e.reason());
            cancel(athleteId);
        }
        catch (RuntimeException e) {
            log.warn("TrainingPeaks sync of athlete {} failed, next try in one interval: {}", athleteId, e.getMessage());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
