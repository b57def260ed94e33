package com.podium.connect.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import com.podium.connect.token.AccessToken;
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

    /**
     * Another instance refreshes while our call is at TrainingPeaks with the access token we read before. Whether
     * that refresh ends our token is undocumented (research section 6), so both: either the call succeeds at once,
     * or it gets a 401, finds the newer token already stored (no second refresh) and succeeds with it.
     */
    @ParameterizedTest(name = "a refresh ends earlier access tokens: {0}")
    @ValueSource(booleans = { false, true })
    void anotherInstancesRefreshDuringACallCostsNoSecondRefresh(boolean refreshEndsEarlierTokens) throws Exception {
        String athlete = connect(newAthleteId());
        AccessToken before = tokens.getToken(athlete);
        int refreshes = STAND_IN.refreshCalls();
        int apiCalls = STAND_IN.apiCalls();
        STAND_IN.refreshEndsEarlierAccessTokens(refreshEndsEarlierTokens).apiDelay(Duration.ofMillis(1500));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<AthleteProfile> call = caller.submit(() -> api.profile(athlete));
            await("the call to reach TrainingPeaks", () -> STAND_IN.apiCalls() > apiCalls);

            // The other instance's refresh (same database): a forced refresh of the token our call carries.
            assertThat(tokens.refreshRejected(athlete, before).value()).isNotEqualTo(before.value());
            STAND_IN.apiDelay(Duration.ZERO);

            assertThat(call.get(30, TimeUnit.SECONDS).id()).isPositive();
            assertThat(STAND_IN.refreshCalls()).as("only the other instance's refresh").isEqualTo(refreshes + 1);
            assertThat(STAND_IN.apiCalls() - apiCalls).as("API calls: a 401 and a retry, or one success")
                .isEqualTo(refreshEndsEarlierTokens ? 2 : 1);
        }
        finally {
            caller.shutdownNow();
            STAND_IN.refreshEndsEarlierAccessTokens(false).apiDelay(Duration.ZERO);
        }
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
