package com.podium.connect.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.TrainingPeaksApi;

/**
 * A coach's TrainingPeaks roster, asked with the coach's token and kept for a minute: every page a coach opens
 * checks it, and rosters change rarely.
 */
@Component
class Rosters {

    private static final Duration KEEP = Duration.ofMinutes(1);

    private record Entry(List<AthleteProfile> athletes, Instant fetchedAt) {
    }

    private final TrainingPeaksApi api;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentMap<String, Entry> rosters = new ConcurrentHashMap<>();

    Rosters(TrainingPeaksApi api) {
        this.api = api;
    }

    /** The coach's athletes; fails like the API client does (not connected, TrainingPeaks down). */
    List<AthleteProfile> of(String coachAccount) {
        Entry entry = rosters.get(coachAccount);
        if (entry == null || entry.fetchedAt().plus(KEEP).isBefore(clock.instant())) {
            entry = new Entry(api.coachAthletes(coachAccount), clock.instant());
            rosters.put(coachAccount, entry);
        }
        return entry.athletes();
    }

    boolean includes(String coachAccount, long trainingPeaksUser) {
        return of(coachAccount).stream().anyMatch(athlete -> athlete.id() == trainingPeaksUser);
    }
}
