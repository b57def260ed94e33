package com.podium.connect.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.podium.connect.token.TokenRevoked;
import com.podium.trainingpeaks.standin.Failure;

/** The API client in the running application: real token module, real Kafka events, the stand-in as TrainingPeaks. */
class ApiClientIntegrationTests extends StandInIntegrationTest {

    @Autowired
    TrainingPeaksApi api;

    @Autowired
    RevocationState revocations;

    @Test
    void typedAnswersWithTokensFromTheTokenModule() throws Exception {
        String athlete = connect(newAthleteId());

        AthleteProfile profile = api.profile(athlete);
        assertThat(profile.id()).isPositive();
        assertThat(profile.isPremium()).isTrue();
        DateRange range = api.recentRange(profile.zone());
        assertThat(api.workouts(athlete, range)).isNotEmpty().anySatisfy(w -> assertThat(w.isCompleted()).isTrue());
        assertThat(api.metrics(athlete, range)).hasSizeGreaterThanOrEqualTo(14)
            .allSatisfy(m -> assertThat(m.metricId()).isNotBlank())
            .anySatisfy(m -> assertThat(m.restingHeartRate()).isPresent());
    }

    @Test
    void aRejectedTokenIsRefreshedOnceByTheTokenModuleAndTheCallRetried() throws Exception {
        String athlete = connect(newAthleteId());
        int refreshes = STAND_IN.refreshCalls();
        STAND_IN.failNextApiCalls(1, Failure.UNAUTHORIZED_401);

        Workout planned = api.workouts(athlete, api.recentRange()).stream().filter(Workout::isPlanned).findFirst()
            .orElseThrow();
        assertThat(api.workout(athlete, planned.id()).description()).isNotBlank();

        assertThat(STAND_IN.refreshCalls()).isEqualTo(refreshes + 1);
    }

    @Test
    void aSecondRejectionAfterTheRefreshRequiresReauthorization() throws Exception {
        String athlete = connect(newAthleteId());
        int refreshes = STAND_IN.refreshCalls();
        STAND_IN.failNextApiCalls(2, Failure.UNAUTHORIZED_401);

        ReauthorizationRequiredException e = catchThrowableOfType(() -> api.profile(athlete),
                ReauthorizationRequiredException.class);

        assertThat(e.athleteId()).isEqualTo(athlete);
        assertThat(STAND_IN.refreshCalls()).isEqualTo(refreshes + 1);
    }

    @Test
    void aRevocationOnKafkaStopsAllWorkForTheAthleteUntilTheyAuthorizeAgain() throws Exception {
        String athlete = connect(newAthleteId());
        api.profile(athlete);
        assertThat(api.hasCachedAnswers(athlete)).isTrue();

        publishRevocation(athlete, TokenRevoked.Reason.REFRESH_REJECTED);
        await("TokenRevoked to arrive from Kafka", () -> revocations.isRevoked(athlete));

        int apiCalls = STAND_IN.apiCalls();
        ReauthorizationRequiredException e = catchThrowableOfType(() -> api.profile(athlete),
                ReauthorizationRequiredException.class);
        assertThat(e.reason()).isEqualTo("revoked: REFRESH_REJECTED");
        catchThrowableOfType(() -> api.metrics(athlete, api.recentRange()), ReauthorizationRequiredException.class);
        assertThat(STAND_IN.apiCalls()).as("no HTTP call while revoked").isEqualTo(apiCalls);
        assertThat(api.hasCachedAnswers(athlete)).isFalse();
        assertThat(revocations.revocation(athlete)).hasValueSatisfying(r -> assertThat(r.detail()).isEqualTo("revoked by test"));

        publishAuthorizationCompleted(athlete);
        await("AuthorizationCompleted to arrive from Kafka", () -> !revocations.isRevoked(athlete));
        assertThat(api.profile(athlete).id()).isPositive();
        assertThat(STAND_IN.apiCalls()).isEqualTo(apiCalls + 1);
    }

    @Test
    void aRevocationOfOneAthleteLeavesTheOthersWorking() throws Exception {
        String revoked = connect(newAthleteId());
        String other = connect(newAthleteId());

        publishRevocation(revoked, TokenRevoked.Reason.DISCONNECTED);
        await("TokenRevoked to arrive from Kafka", () -> revocations.isRevoked(revoked));

        assertThat(revocations.isRevoked(other)).isFalse();
        assertThat(api.profile(other).id()).isPositive();
    }

    @Test
    void disconnectingThroughTheTokenModuleReachesTheClientOverKafka() throws Exception {
        String athlete = connect(newAthleteId());
        api.profile(athlete);

        tokens.disconnect(athlete);
        await("the token module's TokenRevoked to arrive from Kafka", () -> revocations.isRevoked(athlete));

        assertThat(revocations.revocation(athlete)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("DISCONNECTED"));
        int apiCalls = STAND_IN.apiCalls();
        catchThrowableOfType(() -> api.profile(athlete), ReauthorizationRequiredException.class);
        assertThat(STAND_IN.apiCalls()).isEqualTo(apiCalls);
    }
}
