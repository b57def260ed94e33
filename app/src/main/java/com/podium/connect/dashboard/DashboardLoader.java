package com.podium.connect.dashboard;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.podium.connect.apiclient.ApiClientProperties;
import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.CoachAthlete;
import com.podium.connect.apiclient.DateRange;
import com.podium.connect.apiclient.ReauthorizationRequiredException;
import com.podium.connect.apiclient.RevocationState;
import com.podium.connect.apiclient.RevocationState.Revocation;
import com.podium.connect.apiclient.SyncScheduler;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.auth.ConnectionPrompts;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenStatus;
import com.podium.connect.token.Tokens;

/**
 * Gathers the page's data. A revoked account costs no API call at all: the block comes from the {@code TokenRevoked}
 * event, not from looking at the token table - as this instance's API client saw it arrive (RevocationState), or,
 * after a restart, as the auth module recorded it durably (its re-authorization prompt). A healthy account gets a
 * background sync, so the next view is served from the API client's cache.
 * <p>
 * An athlete sees their profile, workouts and (Premium only) metrics over the recent days in their own time zone. A
 * coach's grant cannot read an athlete profile ({@code athlete:profile} and {@code coach:athletes} are exclusive), so
 * a coach sees the coach profile and the roster, each athlete's data read through the coach-scoped calls.
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
        if (revocation.isPresent()) {
            return Dashboard.withoutData(athleteId, revocation, new Section<>(Optional.empty(), null, false, false),
                    api.recentRange());
        }
        Section<Optional<TokenStatus>> connection = Section.load(() -> tokens.status(athleteId));
        if (connection.ok() && connection.data().isEmpty()) {
            return Dashboard.withoutData(athleteId, revocation, connection, api.recentRange());
        }
        boolean coach = connection.ok() && connection.data().map(s -> s.role() == AccountRole.COACH).orElse(false);
        Dashboard dashboard = coach ? coach(athleteId, revocation, connection) : athlete(athleteId, revocation, connection);
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

    private Dashboard athlete(String athleteId, Optional<Revocation> revocation,
            Section<Optional<TokenStatus>> connection) {
        Section<AthleteProfile> profile = Section.load(() -> api.profile(athleteId));
        DateRange range = api.recentRange(profile.ok() ? profile.data().zone() : ZoneOffset.UTC);
        boolean basic = profile.ok() && !profile.data().isPremium();
        return new Dashboard(athleteId, revocation, connection, range, profile,
                Section.load(() -> api.workouts(athleteId, range)),
                basic ? Section.premiumOnlyNote()
                        : Section.load(() -> api.metrics(athleteId, range)).map(DailyMetrics::byDay),
                null, null);
    }

    private Dashboard coach(String coachId, Optional<Revocation> revocation, Section<Optional<TokenStatus>> connection) {
        Section<List<Dashboard.RosterAthlete>> roster = Section.load(() -> api.coachAthletes(coachId))
            .map(athletes -> athletes.stream().map(athlete -> rosterAthlete(coachId, athlete)).toList());
        return new Dashboard(coachId, revocation, connection, api.recentRange(), null, null, null,
                Section.load(() -> api.coachProfile(coachId)), roster);
    }

    private Dashboard.RosterAthlete rosterAthlete(String coachId, CoachAthlete athlete) {
        DateRange range = api.recentRange(athlete.zone());
        return new Dashboard.RosterAthlete(athlete, range,
                Section.load(() -> api.athleteWorkouts(coachId, athlete.id(), range)),
                athlete.isPremium()
                        ? Section.load(() -> api.athleteMetrics(coachId, athlete.id(), range)).map(DailyMetrics::byDay)
                        : Section.premiumOnlyNote());
    }
}
