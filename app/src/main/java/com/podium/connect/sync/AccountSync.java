package com.podium.connect.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.DateRange;
import com.podium.connect.apiclient.Metric;
import com.podium.connect.apiclient.PremiumRequiredException;
import com.podium.connect.apiclient.ReauthorizationRequiredException;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.apiclient.TrainingPeaksApiException;
import com.podium.connect.apiclient.Workout;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenStatus;
import com.podium.connect.token.Tokens;

/**
 * One sync of one account, under its lease. An athlete: the profile, then the window of days pages show
 * ({@code days-back} to {@code days-ahead}) read in full by range once per {@code full-interval}, and in between
 * the workouts changed since the last sync (the changed feed; by range over the recent days where TrainingPeaks
 * has no feed) and the recent days of metrics (no feed is documented for metrics). A coach: the roster,
 * then each athlete's window the same way, but by range only (TrainingPeaks documents no coach form of the changed
 * feed). Each subject's answers are written together, so a sync cut short keeps what it finished.
 */
@Component
class AccountSync {

    private static final Logger log = LoggerFactory.getLogger(AccountSync.class);

    /** The sync ran past its deadline: what it finished is written, the rest waits for the next one. */
    static final class DeadlinePassed extends RuntimeException {
        DeadlinePassed() {
            super("the sync's deadline passed", null, false, false);
        }
    }

    private final TrainingPeaksApi api;
    private final Tokens tokens;
    private final SyncWrites writes;
    private final WorkoutChanges changes;
    private final SyncProperties properties;
    private final Clock clock = Clock.systemUTC();

    AccountSync(TrainingPeaksApi api, Tokens tokens, SyncWrites writes, WorkoutChanges changes,
            SyncProperties properties) {
        this.api = api;
        this.tokens = tokens;
        this.writes = writes;
        this.changes = changes;
        this.properties = properties;
    }

    /** Syncs the account and ends its lease either way (unless a revocation deleted it meanwhile). */
    void run(String account, String owner) {
        Instant started = clock.instant();
        Instant deadline = started.plus(properties.jobDeadline());
        try {
            AccountRole role = tokens.status(account).map(TokenStatus::role).orElse(null);
            if (role == null) {
                log.info("Not syncing account {}: it is not connected to TrainingPeaks", account);
                writes.forgetIfHeld(account, owner);
                return;
            }
            if (role == AccountRole.COACH) {
                coach(account, owner, deadline);
            }
            else {
                athlete(account, owner, deadline);
            }
            writes.succeeded(account, owner, started, clock.instant().plus(properties.interval()));
        }
        catch (ReauthorizationRequiredException e) {
            // Revoked or disconnected: the revocation deleted the row already, or will; nothing to sync any more.
            log.info("Stopping the TrainingPeaks sync of account {}: {}", account, e.reason());
            writes.forgetIfHeld(account, owner);
        }
        catch (RuntimeException e) {
            String problem = describe(e);
            Duration backoff = backoff(writes.failures(account));
            log.warn("TrainingPeaks sync of account {} failed, next try in {} s: {}", account, backoff.toSeconds(),
                    problem);
            writes.failed(account, owner, problem, clock.instant(), clock.instant().plus(backoff));
        }
    }

    private void athlete(String account, String owner, Instant deadline) {
        AthleteProfile profile = api.freshProfile(account);
        Instant at = clock.instant();
        LocalDate today = LocalDate.now(profile.zone());
        LocalDate from = today.minusDays(properties.daysBack() - 1L);
        LocalDate to = today.plusDays(properties.daysAhead());
        SyncWrites.Coverage coverage = writes.coverage(account, SyncedData.OWN).orElse(null);
        if (needsFullRead(coverage, from, at)) {
            List<Workout> workouts = workouts(account, null, from, to, deadline);
            List<Metric> metrics = profile.isPremium() ? metrics(account, null, from, today, deadline) : List.of();
            writes.write(account, owner, w -> {
                w.profile(SyncedData.OWN, profile, at);
                w.workouts(SyncedData.OWN, from, to, workouts, at, true);
                w.metrics(SyncedData.OWN, from, today, metrics, at, true);
                w.changesSince(at);
            });
            return;
        }
        LocalDate recent = today.minusDays(properties.recentDays() - 1L);
        WorkoutChanges.Changes changed = changes.since(account, coverage.changesSince(), deadline);
        // With the feed, only the days that came into the window since the last read are read by range (what was
        // planned for them long ago is in no feed since); without it, the recent days.
        LocalDate rangeFrom = changed == null ? recent : coverage.workoutsTo().plusDays(1);
        List<Workout> workouts = rangeFrom.isAfter(to) ? List.of() : workouts(account, null, rangeFrom, to, deadline);
        List<Metric> metrics = profile.isPremium() ? metrics(account, null, recent, today, deadline) : List.of();
        writes.write(account, owner, w -> {
            w.profile(SyncedData.OWN, profile, at);
            if (changed != null) {
                w.changes(SyncedData.OWN, changed.modified(), changed.deleted(), at);
                w.changesSince(changed.startedAt());
            }
            if (!rangeFrom.isAfter(to)) {
                w.workouts(SyncedData.OWN, rangeFrom, to, workouts, at, false);
            }
            w.metrics(SyncedData.OWN, recent, today, metrics, at, false);
        });
    }

    private void coach(String account, String owner, Instant deadline) {
        List<AthleteProfile> roster = api.coachAthletes(account);
        Instant rosterAt = clock.instant();
        writes.write(account, owner, w -> w.roster(roster, rosterAt));
        for (AthleteProfile athlete : roster) {
            Instant at = clock.instant();
            LocalDate today = LocalDate.now(athlete.zone());
            LocalDate from = today.minusDays(properties.daysBack() - 1L);
            LocalDate to = today.plusDays(properties.daysAhead());
            boolean full = needsFullRead(writes.coverage(account, athlete.id()).orElse(null), from, at);
            LocalDate start = full ? from : today.minusDays(properties.recentDays() - 1L);
            List<Workout> workouts = workouts(account, athlete.id(), start, to, deadline);
            List<Metric> metrics = athlete.isPremium() ? metrics(account, athlete.id(), start, today, deadline)
                    : List.of();
            writes.write(account, owner, w -> {
                w.workouts(athlete.id(), start, to, workouts, at, full);
                w.metrics(athlete.id(), start, today, metrics, at, full);
            });
        }
    }

    private boolean needsFullRead(SyncWrites.Coverage coverage, LocalDate from, Instant now) {
        return coverage == null || coverage.fullSyncedAt() == null || !coverage.reachesBackTo(from)
                || coverage.fullSyncedAt().plus(properties.fullInterval()).isBefore(now);
    }

    private List<Workout> workouts(String account, Long athlete, LocalDate from, LocalDate to, Instant deadline) {
        List<Workout> all = new ArrayList<>();
        for (DateRange range : DateRange.covering(from, to)) {
            check(deadline);
            all.addAll(athlete == null ? api.workouts(account, range) : api.athleteWorkouts(account, athlete, range));
        }
        return all;
    }

    private List<Metric> metrics(String account, Long athlete, LocalDate from, LocalDate to, Instant deadline) {
        List<Metric> all = new ArrayList<>();
        try {
            for (DateRange range : DateRange.covering(from, to)) {
                check(deadline);
                all.addAll(athlete == null ? api.metrics(account, range) : api.athleteMetrics(account, athlete, range));
            }
        }
        catch (PremiumRequiredException basicNow) {
            return List.of(); // the profile was older than the answer: a basic athlete has no metrics
        }
        return all;
    }

    private void check(Instant deadline) {
        if (clock.instant().isAfter(deadline)) {
            throw new DeadlinePassed();
        }
    }

    /** 30 s after the first failure, doubling, at most {@code max-backoff}. */
    private Duration backoff(int failures) {
        Duration wait = Duration.ofSeconds(30).multipliedBy(1L << Math.min(failures, 16));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    /** Typed and sanitised (the API client's errors carry status, code and a redacted snippet, never a token). */
    static String describe(RuntimeException e) {
        if (e instanceof TrainingPeaksApiException api) {
            return "TrainingPeaks " + api.path() + ": HTTP " + (api.httpStatus() == null ? "none" : api.httpStatus())
                    + " " + api.errorCode();
        }
        if (e instanceof DeadlinePassed) {
            return "the sync's deadline passed";
        }
        return e.getClass().getSimpleName();
    }
}
