package com.podium.connect.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

import com.podium.connect.AnotherInstance;
import com.podium.connect.apiclient.StandInIntegrationTest;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.sync.BackgroundSync;
import com.podium.connect.sync.SyncedData;
import com.podium.connect.token.refresh.RevocationGuard;

/**
 * Pages read the store the background sync keeps: they answer with the last good data and its time when
 * TrainingPeaks is slow or down, after a restart too, and still notice a revocation made at TrainingPeaks.
 */
class StoredPagesIntegrationTests extends StandInIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    BackgroundSync sync;

    @Autowired
    SyncedData store;

    @Autowired
    RevocationGuard revocationGuard;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @AfterEach
    void calmTheStandIn() {
        STAND_IN.outage(false);
        STAND_IN.apiDelay(Duration.ZERO);
    }

    String page(String athlete) throws Exception {
        return mvc.perform(get("/dashboard/" + athlete).with(user(athlete).roles("ATHLETE"))).andReturn().getResponse()
            .getContentAsString();
    }

    /** Connects the athlete and runs the background sync until the athlete's data is in the store. */
    String synced() throws InterruptedException {
        String athlete = connect(newAthleteId());
        await("the athlete's first sync", () -> {
            sync.syncDue();
            return store.read(athlete, SyncedData.OWN).map(s -> s.syncedAt() != null).orElse(false);
        });
        return athlete;
    }

    long calls(String pathPrefix) {
        return STAND_IN.requests().stream().filter(r -> r.path().startsWith(pathPrefix)).count();
    }

    @Test
    void aSyncedAthletesPageReadsTheStoreAndOnlyChecksTheGrant() throws Exception {
        String athlete = synced();
        long workoutCalls = calls("/v2/workouts");
        long metricCalls = calls("/v2/metrics");
        long profileCalls = calls("/v1/athlete/profile");
        java.time.Instant profileAsOf = store.read(athlete, SyncedData.OWN).orElseThrow().profileAsOf();

        String html = page(athlete);

        assertThat(html).contains("data-state=\"CONNECTED\"", "id=\"pmc\"", "id=\"workouts\"", "id=\"data-as-of\"",
                "Training data from TrainingPeaks as of").doesNotContain("Still loading", "id=\"training-problem\"");
        assertThat(calls("/v2/workouts")).as("workouts come from the store").isEqualTo(workoutCalls);
        assertThat(calls("/v2/metrics")).as("metrics come from the store").isEqualTo(metricCalls);
        assertThat(calls("/v1/athlete/profile")).as("one uncached check per load").isEqualTo(profileCalls + 1);
        await("the check's profile to be kept in the store",
                () -> store.read(athlete, SyncedData.OWN).orElseThrow().profileAsOf().isAfter(profileAsOf));
    }

    @Test
    void trainingPeaksDownServesTheLastGoodDataWithItsTime() throws Exception {
        String athlete = synced();
        STAND_IN.outage(true);

        String html = page(athlete);

        assertThat(html).contains("data-state=\"CONNECTED\"", "id=\"pmc\"", "id=\"workouts\"",
                "TrainingPeaks is not answering right now", "As of ").doesNotContain("Still loading", "502");
    }

    @Test
    void aSlowTrainingPeaksServesTheStoredDataWithItsTime() throws Exception {
        String athlete = synced();
        STAND_IN.apiDelay(Duration.ofSeconds(16)); // longer than the page's budget (5 s in tests)

        String html = page(athlete);

        assertThat(html).contains("data-state=\"CONNECTED\"", "id=\"pmc\"", "id=\"workouts\"",
                "TrainingPeaks is slow right now", "As of ").doesNotContain("Still loading");
    }

    @Test
    void aRevocationAtTrainingPeaksShowsOnTheNextLoadAndDropsTheStoredData() throws Exception {
        String athlete = synced();
        assertThat(page(athlete)).contains("data-state=\"CONNECTED\"", "id=\"workouts\"");

        // TrainingPeaks forgets the user's grant: 401, then invalid_grant on the refresh. One user, not revokeAll: in
        // this shared stand-in every earlier test's athlete would be rejected too. And earlier tests' rejections in
        // this shared context may have paused revocations (the guard, 5 athletes a minute): clear them as the next
        // successful refresh would.
        STAND_IN.revokeUser(store.read(athlete, SyncedData.OWN).orElseThrow().profile().id());
        revocationGuard.refreshSucceeded();

        String html = page(athlete);
        assertThat(html).contains("data-state=\"REAUTHORIZATION_NEEDED\"", "Connect again")
            .doesNotContain("id=\"workouts\"", "Disconnect…");
        assertThat(store.isEnrolled(athlete)).as("the revocation deleted the synced data").isFalse();
    }

    @Test
    void theAthletesOwnDisconnectDropsTheStoredDataAndIsNoRevocation() throws Exception {
        String athlete = synced();

        tokens.disconnect(athlete);

        assertThat(store.isEnrolled(athlete)).isFalse();
        assertThat(page(athlete)).contains("data-state=\"DISCONNECTED\"").doesNotContain("Connect again",
                "id=\"workouts\"");
    }

    @Test
    void aSyncedCoachsRosterReadsTheStoreAndOnlyChecksTheGrant() throws Exception {
        String coach = connectAsCoach("coach-" + java.util.UUID.randomUUID());
        await("the coach's first sync", () -> {
            sync.syncDue();
            return store.roster(coach).map(r -> !r.athletes().isEmpty()).orElse(false);
        });
        long workoutCalls = calls("/v2/workouts");
        long metricCalls = calls("/v2/metrics");
        long checks = calls("/v1/coach/profile");

        String html = rosterPage(coach);

        assertThat(html).contains("Up to date through your TrainingPeaks coach access").doesNotContain("Still loading");
        assertThat(calls("/v2/workouts")).as("roster lines come from the store").isEqualTo(workoutCalls);
        assertThat(calls("/v2/metrics")).as("roster lines come from the store").isEqualTo(metricCalls);
        assertThat(calls("/v1/coach/profile")).as("one uncached check per load").isEqualTo(checks + 1);

        STAND_IN.outage(true);
        assertThat(rosterPage(coach)).contains("TrainingPeaks is not answering right now", "As of ")
            .doesNotContain("Still loading", "Up to date through");
    }

    @Test
    void aCoachsAthletePageDoesNotWaitOnASlowTrainingPeaksForAnOldStoredRoster() throws Exception {
        String coach = connectAsCoach("coach-" + java.util.UUID.randomUUID());
        await("the coach's first sync", () -> {
            sync.syncDue();
            return store.roster(coach).map(r -> !r.athletes().isEmpty()).orElse(false);
        });
        long athlete = store.roster(coach).orElseThrow().athletes().get(0).id();
        // Older than the roster a page trusts without asking (10 min): the page asks TrainingPeaks, which is slow.
        jdbc.sql("UPDATE tp_sync_accounts SET synced_at = now() - interval '1 hour' WHERE account_id = :coach")
            .param("coach", coach).update();
        forgetCachedAnswers(coach);
        STAND_IN.apiDelay(Duration.ofSeconds(60));

        // Not a timing measurement but liveness: the API client's own attempts would take 3 x 15 s.
        String html = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return mvc.perform(get("/coach/athletes/" + athlete).with(user(coach).roles("COACH"))).andReturn()
                    .getResponse().getContentAsString();
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(html).contains("id=\"workouts\"", "TrainingPeaks is slow right now", "As of ");
    }

    @Test
    void aRosterOlderThanADayNoLongerOpensAthletePagesWhileTrainingPeaksIsDown() throws Exception {
        String coach = connectAsCoach("coach-" + java.util.UUID.randomUUID());
        await("the coach's first sync", () -> {
            sync.syncDue();
            return store.roster(coach).map(r -> !r.athletes().isEmpty()).orElse(false);
        });
        long athlete = store.roster(coach).orElseThrow().athletes().get(0).id();
        jdbc.sql("UPDATE tp_sync_accounts SET synced_at = now() - interval '2 days' WHERE account_id = :coach")
            .param("coach", coach).update();
        forgetCachedAnswers(coach);
        STAND_IN.outage(true);

        var response = mvc.perform(get("/coach/athletes/" + athlete).with(user(coach).roles("COACH"))).andReturn()
            .getResponse();

        // The athlete may have left the coach since: back to the roster page, which says why.
        assertThat(response.getRedirectedUrl()).isEqualTo("/coach");
    }

    private String rosterPage(String coach) throws Exception {
        return mvc.perform(get("/coach").with(user(coach).roles("COACH"))).andReturn().getResponse()
            .getContentAsString();
    }

    @Test
    void aCoachOpensARosterAthletesPageFromTheStoreWithTrainingPeaksDown() throws Exception {
        String coach = connectAsCoach("coach-" + java.util.UUID.randomUUID());
        await("the coach's first sync", () -> {
            sync.syncDue();
            return store.roster(coach).map(r -> !r.athletes().isEmpty()).orElse(false);
        });
        long athlete = store.roster(coach).orElseThrow().athletes().get(0).id();
        STAND_IN.outage(true);

        String html = mvc.perform(get("/coach/athletes/" + athlete).with(user(coach).roles("COACH"))).andReturn()
            .getResponse().getContentAsString();

        assertThat(html).contains("id=\"workouts\"", "TrainingPeaks is not answering right now", "As of ")
            .doesNotContain("Still loading");
    }

    @Test
    void theStoredDataSurvivesARestartAndIsServedWithTrainingPeaksDown() throws Exception {
        String athlete = synced();
        String coach = connectAsCoach("coach-" + java.util.UUID.randomUUID());
        await("the coach's first sync", () -> {
            sync.syncDue();
            return store.roster(coach).map(r -> !r.athletes().isEmpty()).orElse(false);
        });
        SyncedData.Synced before = store.read(athlete, SyncedData.OWN).orElseThrow();
        long coached = store.roster(coach).orElseThrow().athletes().get(0).id();
        STAND_IN.outage(true);

        try (ConfigurableApplicationContext restarted = secondInstance()) {
            Dashboard dashboard = restarted.getBean(DashboardLoader.class)
                .load(Reader.own(restarted.getBean(TrainingPeaksApi.class), athlete), true, ZoneOffset.UTC);

            assertThat(dashboard.card().state().name()).isEqualTo("CONNECTED");
            assertThat(dashboard.training().ok()).isTrue();
            assertThat(dashboard.training().data().recent()).isNotEmpty();
            assertThat(dashboard.training().asOf()).isEqualTo(before.workoutsAsOf());
            assertThat(dashboard.training().stale()).isTrue();
            assertThat(dashboard.training().problem()).contains("TrainingPeaks is not answering right now");

            // Nothing in the new instance's memory: the roster that lets the coach in comes from the store too.
            var page = restarted.getBean(CoachController.class).athlete(String.valueOf(coached), () -> coach,
                    ZoneOffset.UTC);
            assertThat(page.getViewName()).isEqualTo("dashboard");
            Dashboard coachView = (Dashboard) page.getModel().get("dashboard");
            assertThat(coachView.training().ok()).isTrue();
            assertThat(coachView.training().stale()).isTrue();
        }
    }

    /** Another instance on the same database and broker, as after a restart: nothing in memory, only the store. */
    private static ConfigurableApplicationContext secondInstance() {
        return AnotherInstance.start(STAND_IN.baseUri(),
                "--podium.api.initial-backoff=50ms");
    }
}
