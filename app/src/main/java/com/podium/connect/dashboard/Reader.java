package com.podium.connect.dashboard;

import java.time.ZoneId;
import java.util.List;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.DateRange;
import com.podium.connect.apiclient.Metric;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.apiclient.Workout;
import com.podium.connect.sync.SyncedData;

/**
 * Where an athlete page reads from: the athlete's own grant, or a coach's grant through the coach-scoped calls (a
 * coach grant cannot read the athlete profile: name, zone and premium come from the roster entry then).
 *
 * @param key what the page's last good answers are kept under
 * @param path the page's address, for its links
 */
record Reader(String key, String path, TrainingPeaksApi api, String account, AthleteProfile coached) {

    /** Who the athlete is, as far as a page needs it. */
    record Person(String name, ZoneId zone, boolean premium) {

        static Person of(AthleteProfile profile) {
            return new Person(name(profile.firstName(), profile.lastName()), profile.zone(), profile.isPremium());
        }

        private static String name(String first, String last) {
            return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        }
    }

    static Reader own(TrainingPeaksApi api, String athleteId) {
        return new Reader(athleteId, "/dashboard/" + athleteId, api, athleteId, null);
    }

    static Reader coached(TrainingPeaksApi api, String coachId, AthleteProfile athlete) {
        return new Reader(coachId + "|" + athlete.id(), "/coach/athletes/" + athlete.id(), api, coachId, athlete);
    }

    boolean coachView() {
        return coached != null;
    }

    /** Whose data in the store: the account's own, or the coached athlete's (their TrainingPeaks id). */
    long subject() {
        return coached != null ? coached.id() : SyncedData.OWN;
    }

    /**
     * The page's one uncached call per load, cheap and always allowed by the grant: the athlete's profile, or the
     * coach's. A grant TrainingPeaks no longer honours ends in 401, refresh, {@code invalid_grant}: revoked, and the
     * card says so on this very load when TrainingPeaks answers within the page's budget.
     */
    AthleteProfile check() {
        if (coached != null) {
            api.freshCoachProfile(account);
            return coached;
        }
        return api.freshProfile(account);
    }

    List<Workout> workouts(DateRange range) {
        return coached != null ? api.athleteWorkouts(account, coached.id(), range) : api.workouts(account, range);
    }

    List<Metric> metrics(DateRange range) {
        return coached != null ? api.athleteMetrics(account, coached.id(), range) : api.metrics(account, range);
    }

    Workout workout(long workoutId) {
        return coached != null ? api.athleteWorkout(account, coached.id(), workoutId) : api.workout(account, workoutId);
    }
}
