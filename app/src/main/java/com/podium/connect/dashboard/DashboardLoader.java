package com.podium.connect.dashboard;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.podium.connect.apiclient.ApiClientProperties;
import com.podium.connect.apiclient.DateRange;
import com.podium.connect.apiclient.ReauthorizationRequiredException;
import com.podium.connect.apiclient.RevocationState;
import com.podium.connect.apiclient.RevocationState.Revocation;
import com.podium.connect.apiclient.SyncScheduler;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.token.TokenStatus;
import com.podium.connect.token.Tokens;

/**
 * Gathers the page's data. A revoked athlete costs no API call at all: the block comes from the {@code TokenRevoked}
 * event (RevocationState), not from looking at the token table. A healthy one gets a background sync, so the next
 * view is served from the API client's cache.
 */
@Component
class DashboardLoader {

    private final TrainingPeaksApi api;
    private final RevocationState revocations;
    private final SyncScheduler syncs;
    private final Tokens tokens;
    private final ApiClientProperties properties;

    DashboardLoader(TrainingPeaksApi api, RevocationState revocations, SyncScheduler syncs, Tokens tokens,
            ApiClientProperties properties) {
        this.api = api;
        this.revocations = revocations;
        this.syncs = syncs;
        this.tokens = tokens;
        this.properties = properties;
    }

    Dashboard load(String athleteId) {
        Optional<Revocation> revocation = revocations.revocation(athleteId);
        DateRange range = api.recentRange();
        if (revocation.isPresent()) {
            return new Dashboard(athleteId, revocation, new Section<>(Optional.empty(), null, false), range, null, null,
                    null);
        }
        Section<Optional<TokenStatus>> connection = Section.load(() -> tokens.status(athleteId));
        if (connection.ok() && connection.data().isEmpty()) {
            return new Dashboard(athleteId, revocation, connection, range, null, null, null);
        }
        Dashboard dashboard = new Dashboard(athleteId, revocation, connection, range,
                Section.load(() -> api.profile(athleteId)), Section.load(() -> api.workouts(athleteId, range)),
                Section.load(() -> api.metrics(athleteId, range)));
        if (!dashboard.needsReauthorization() && !syncs.isScheduled(athleteId)) {
            try {
                syncs.schedule(athleteId, properties.syncInterval());
            }
            catch (ReauthorizationRequiredException revokedMeanwhile) {
                // the page already loaded; the next view shows the prompt
            }
        }
        return dashboard;
    }
}
