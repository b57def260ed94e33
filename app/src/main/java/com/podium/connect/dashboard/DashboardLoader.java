package com.podium.connect.dashboard;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.podium.connect.apiclient.ApiClientProperties;
import com.podium.connect.auth.ConnectionPrompts;
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
 * event, not from looking at the token table - as this instance's API client saw it arrive (RevocationState), or,
 * after a restart, as the auth module recorded it durably (its re-authorization prompt). A healthy athlete gets a
 * background sync, so the next view is served from the API client's cache.
 */
@Component
class DashboardLoader {

    private final TrainingPeaksApi api;
    private final RevocationState revocations;
    private final SyncScheduler syncs;
    private final Tokens tokens;
    private final ApiClientProperties properties;
    private final ConnectionPrompts prompts;

    DashboardLoader(TrainingPeaksApi api, RevocationState revocations, SyncScheduler syncs, Tokens tokens,
            ApiClientProperties properties, ConnectionPrompts prompts) {
        this.api = api;
        this.revocations = revocations;
        this.syncs = syncs;
        this.tokens = tokens;
        this.properties = properties;
        this.prompts = prompts;
    }

    Dashboard load(String athleteId) {
        Optional<Revocation> revocation = revocations.revocation(athleteId).or(() -> prompts
            .reauthorizationPrompt(athleteId)
            .map(prompt -> new Revocation(prompt.reason().name(), prompt.detail(), prompt.revokedAt())));
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
