package com.podium.connect.dashboard;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.CoachAthlete;
import com.podium.connect.apiclient.CoachProfile;
import com.podium.connect.apiclient.DateRange;
import com.podium.connect.apiclient.RevocationState.Revocation;
import com.podium.connect.apiclient.Workout;
import com.podium.connect.token.TokenStatus;

/**
 * What the page shows for one account. API sections are null when they were not loaded: all of them when revoked or
 * not connected, the athlete ones ({@code profile}, {@code workouts}, {@code metrics}) for a coach, the coach ones
 * ({@code coach}, {@code roster}) for an athlete.
 *
 * @param revocation set from the moment a {@code TokenRevoked} for the account arrived
 * @param connection the stored connection, empty when none
 * @param range the days shown, ending today in the athlete's time zone (UTC for a coach's own header)
 * @param metrics by day; a {@link Section#premiumOnly()} note for a basic athlete
 */
record Dashboard(String athleteId, Optional<Revocation> revocation, Section<Optional<TokenStatus>> connection,
        DateRange range, Section<AthleteProfile> profile, Section<List<Workout>> workouts,
        Section<List<DailyMetrics>> metrics, Section<CoachProfile> coach, Section<List<RosterAthlete>> roster) {

    /**
     * One athlete of a coach's roster with the data read through the coach-scoped calls.
     *
     * @param range the days shown, ending today in that athlete's time zone
     */
    record RosterAthlete(CoachAthlete athlete, DateRange range, Section<List<Workout>> workouts,
            Section<List<DailyMetrics>> metrics) {

        Optional<WorkoutSummary> summary() {
            return Optional.ofNullable(workouts.data()).map(w -> WorkoutSummary.of(w, range.end()));
        }
    }

    static Dashboard withoutData(String athleteId, Optional<Revocation> revocation,
            Section<Optional<TokenStatus>> connection, DateRange range) {
        return new Dashboard(athleteId, revocation, connection, range, null, null, null, null, null);
    }

    boolean revoked() {
        return revocation.isPresent();
    }

    boolean notConnected() {
        return !revoked() && connection.ok() && connection.data().isEmpty();
    }

    boolean isCoach() {
        return coach != null;
    }

    /** Planned against completed for the athlete's own workouts, when they loaded. */
    Optional<WorkoutSummary> workoutSummary() {
        return Optional.ofNullable(workouts).map(Section::data).map(w -> WorkoutSummary.of(w, range.end()));
    }

    /** Revoked, or a call found out on its own (no token, 401 after a refresh). */
    boolean needsReauthorization() {
        return revoked() || Stream.of(profile, workouts, metrics, coach, roster)
            .anyMatch(section -> section != null && section.needsReauthorization());
    }
}
