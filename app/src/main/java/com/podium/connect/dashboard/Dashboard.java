package com.podium.connect.dashboard;

import java.util.List;
import java.util.Optional;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.DateRange;
import com.podium.connect.apiclient.Metric;
import com.podium.connect.apiclient.RevocationState.Revocation;
import com.podium.connect.apiclient.Workout;
import com.podium.connect.token.TokenStatus;

/**
 * What the page shows for one athlete. API sections are null when they were not loaded (revoked or not connected).
 *
 * @param revocation set from the moment a {@code TokenRevoked} for the athlete arrived
 * @param connection the stored connection, empty when none
 */
record Dashboard(String athleteId, Optional<Revocation> revocation, Section<Optional<TokenStatus>> connection,
        DateRange range, Section<AthleteProfile> profile, Section<List<Workout>> workouts,
        Section<List<Metric>> metrics) {

    boolean revoked() {
        return revocation.isPresent();
    }

    boolean notConnected() {
        return !revoked() && connection.ok() && connection.data().isEmpty();
    }

    /** Revoked, or a call found out on its own (no token, 401 after a refresh). */
    boolean needsReauthorization() {
        return revoked() || Optional.ofNullable(profile).map(Section::needsReauthorization).orElse(false)
                || Optional.ofNullable(workouts).map(Section::needsReauthorization).orElse(false)
                || Optional.ofNullable(metrics).map(Section::needsReauthorization).orElse(false);
    }
}
