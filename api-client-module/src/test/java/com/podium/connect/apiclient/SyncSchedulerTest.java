package com.podium.connect.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TrainingPeaksProperties;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

class SyncSchedulerTest {

    static final String ATHLETE = "athlete-9";

    TrainingPeaksStandIn standIn;
    StandInTokens tokens;
    RevocationState revocations = new RevocationState();
    TrainingPeaksApi api;
    SyncScheduler syncs;

    @BeforeEach
    void start() {
        standIn = TrainingPeaksStandIn.start(0);
        tokens = new StandInTokens(standIn).connect(ATHLETE);
        URI base = standIn.baseUri();
        api = new TrainingPeaksApi(tokens, revocations, new TrainingPeaksProperties("id", "secret", base, base,
                URI.create("http://localhost:8501/"), TrainingPeaksProperties.ClientAuthentication.CLIENT_SECRET_BASIC),
                ApiClientProperties.defaults(), new ObjectMapper().findAndRegisterModules(), d -> { },
                Clock.systemUTC());
        syncs = new SyncScheduler(api, revocations);
    }

    @AfterEach
    void stop() {
        syncs.destroy();
        standIn.close();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 10 s").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aScheduledSyncFillsTheCacheSoTheDashboardCostsNoCall() throws InterruptedException {
        // One run well before the next: the sync is idle when it is cancelled, so no call of it overlaps the count.
        syncs.schedule(ATHLETE, Duration.ofMillis(500));

        await(() -> api.cachedAnswers(ATHLETE) == 3); // profile, workouts, metrics
        syncs.cancel(ATHLETE);
        int calls = standIn.apiCalls();

        api.profile(ATHLETE);
        api.workouts(ATHLETE, api.recentRange());
        api.metrics(ATHLETE, api.recentRange());
        assertThat(standIn.apiCalls()).isEqualTo(calls);
    }

    @Test
    void aSyncThatFindsNoTokenCancelsItself() throws InterruptedException {
        syncs.schedule("never-connected", Duration.ofMillis(50));
        assertThat(syncs.isScheduled("never-connected")).isTrue();

        await(() -> !syncs.isScheduled("never-connected"));
        assertThat(standIn.apiCalls()).isZero();
    }

    @Test
    void cancelStopsTheSyncAndReportsWhetherThereWasOne() {
        syncs.schedule(ATHLETE, Duration.ofMinutes(5));

        assertThat(syncs.scheduledAthletes()).containsExactly(ATHLETE);
        assertThat(syncs.cancel(ATHLETE)).isTrue();
        assertThat(syncs.cancel(ATHLETE)).isFalse();
        assertThat(syncs.isScheduled(ATHLETE)).isFalse();
        assertThatThrownBy(() -> syncs.schedule(ATHLETE, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
