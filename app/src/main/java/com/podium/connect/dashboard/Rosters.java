package com.podium.connect.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.apiclient.TrainingPeaksApiException;
import com.podium.connect.sync.SyncedData;

/**
 * A coach's TrainingPeaks roster, kept for a minute: every page a coach opens checks it, and rosters change rarely.
 * The roster the background sync stored is used while it is at most {@link #STORED} old, so a coach's pages need no
 * TrainingPeaks call for it; else it is asked with the coach's token, and when TrainingPeaks fails, the stored one
 * (up to {@link #TRUSTED_WHILE_FAILING} old) still opens the pages.
 */
@Component
class Rosters {

    private static final Duration KEEP = Duration.ofMinutes(1);
    /** Two default sync intervals: a roster the sync keeps is never older. */
    static final Duration STORED = Duration.ofMinutes(10);
    /**
     * The oldest roster that still decides who a coach may open while TrainingPeaks fails: an athlete who left the
     * coach meanwhile stays visible at most this long (TrainingPeaks refuses the coach's calls for them at once).
     */
    static final Duration TRUSTED_WHILE_FAILING = Duration.ofHours(24);

    private record Entry(List<AthleteProfile> athletes, Instant fetchedAt) {
    }

    private final TrainingPeaksApi api;
    private final SyncedData store;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentMap<String, Entry> rosters = new ConcurrentHashMap<>();

    Rosters(TrainingPeaksApi api, SyncedData store) {
        this.api = api;
        this.store = store;
    }

    /** The coach's athletes; fails like the API client does (not connected, TrainingPeaks down). */
    List<AthleteProfile> of(String coachAccount) {
        Entry entry = rosters.get(coachAccount);
        if (entry == null || entry.fetchedAt().plus(KEEP).isBefore(clock.instant())) {
            entry = new Entry(fetch(coachAccount), clock.instant());
            rosters.put(coachAccount, entry);
        }
        return entry.athletes();
    }

    private List<AthleteProfile> fetch(String coachAccount) {
        Optional<SyncedData.Roster> stored = store.roster(coachAccount);
        if (stored.isEmpty()) {
            store.enroll(coachAccount); // a coach connected before the store existed: synced from now on
        }
        if (stored.isPresent() && stored.get().asOf().plus(STORED).isAfter(clock.instant())) {
            return stored.get().athletes();
        }
        try {
            return api.coachAthletes(coachAccount);
        }
        catch (TrainingPeaksApiException e) {
            return trusted(stored).orElseThrow(() -> e);
        }
    }

    /** The roster the sync stored, up to a day old: what opens a coach's pages while TrainingPeaks is slow or down. */
    Optional<List<AthleteProfile>> stored(String coachAccount) {
        return trusted(store.roster(coachAccount));
    }

    /** Whether a roster read at {@code asOf} may still decide access while TrainingPeaks fails. */
    boolean trusted(Instant asOf) {
        return asOf != null && asOf.plus(TRUSTED_WHILE_FAILING).isAfter(clock.instant());
    }

    private Optional<List<AthleteProfile>> trusted(Optional<SyncedData.Roster> roster) {
        return roster.filter(r -> trusted(r.asOf())).map(SyncedData.Roster::athletes);
    }
}
