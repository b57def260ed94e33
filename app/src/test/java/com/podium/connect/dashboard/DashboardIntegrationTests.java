package com.podium.connect.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.StandInIntegrationTest;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.sync.SyncedData;
import com.podium.connect.token.TokenRevoked;

/** The athlete page rendered by the running application against the stand-in, as the signed-in athlete. */
class DashboardIntegrationTests extends StandInIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TrainingPeaksApi api;

    @Autowired
    SyncedData store;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void calmTheStandIn() {
        STAND_IN.outage(false);
        STAND_IN.apiDelay(java.time.Duration.ZERO);
    }

    MvcResult page(String athlete) throws Exception {
        return mvc.perform(get("/dashboard/" + athlete).with(user(athlete).roles("ATHLETE"))).andReturn();
    }

    static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }

    /** As the token module revokes: the token row goes and TokenRevoked is published, in one transaction. */
    void revoke(String athlete, TokenRevoked.Reason reason) {
        transactions.executeWithoutResult(tx -> {
            jdbc.update("DELETE FROM oauth_tokens WHERE athlete_id = ?", athlete);
            events.publishEvent(TokenRevoked.of(athlete, Instant.now(), reason, "revoked by test"));
        });
    }

    @Test
    void aConnectedAthleteSeesProfileWorkoutsAndMetricsAndIsSynced() throws Exception {
        String athlete = connect(newAthleteId());
        AthleteProfile profile = api.profile(athlete);

        MvcResult result = page(athlete);

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).startsWith("text/html");
        String html = html(result);
        assertThat(profile.isPremium()).isTrue();
        assertThat(html).contains("data-state=\"CONNECTED\"", profile.firstName() + " " + profile.lastName(),
                "id=\"pmc\"", "<polyline", "id=\"weekly-volume\"", "Resting heart rate", "id=\"plan\"",
                "id=\"workouts\"", "Disconnect…").doesNotContain("Connect again", "Still loading", "premium-only");
        assertThat(html.split("<tr>").length).as("workouts of the last 14 days").isGreaterThan(2);
        assertThat(html).contains("href=\"/dashboard/" + athlete + "/workouts/");
        assertThat(store.isEnrolled(athlete)).as("the background sync keeps the athlete fresh").isTrue();
        assertThat(STAND_IN.issuedAccessTokens()).noneMatch(html::contains);
    }

    @Test
    void aWorkoutOpensInDetail() throws Exception {
        String athlete = connect(newAthleteId());
        String html = html(page(athlete));
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/dashboard/[^/\"]+/workouts/[0-9]+)\"")
            .matcher(html);
        assertThat(link.find()).isTrue();

        String detail = mvc.perform(get(link.group(1)).with(user(athlete).roles("ATHLETE"))).andReturn().getResponse()
            .getContentAsString();

        assertThat(detail).contains("id=\"workout\"", "Back to the training page").doesNotContain("problem");
    }

    @Test
    void aSlowTrainingPeaksNeverHoldsThePage() throws Exception {
        String athlete = connect(newAthleteId());
        STAND_IN.apiDelay(java.time.Duration.ofSeconds(8)); // longer than the page's budget (5 s in tests)

        String first = html(page(athlete));

        assertThat(first).contains("data-state=\"CONNECTED\"", "Still loading from TrainingPeaks")
            .doesNotContain("id=\"pmc\"");
        STAND_IN.apiDelay(java.time.Duration.ZERO);
        // The fetches went on in the background: a later load has the data.
        await("the background fetches to finish", () -> {
            try {
                return html(page(athlete)).contains("id=\"pmc\"");
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aRevocationShowsOnTheNextLoadWithoutCallingTrainingPeaks() throws Exception {
        String athlete = connect(newAthleteId());
        assertThat(html(page(athlete))).contains("id=\"workouts\"");
        revoke(athlete, TokenRevoked.Reason.REFRESH_FAILURES_EXHAUSTED);
        int apiCalls = STAND_IN.apiCalls();

        String html = html(page(athlete));

        assertThat(html).contains("data-state=\"REAUTHORIZATION_NEEDED\"", "Connect again",
                "could not reach TrainingPeaks").doesNotContain("id=\"workouts\"", "REFRESH_FAILURES_EXHAUSTED");
        assertThat(STAND_IN.apiCalls()).isEqualTo(apiCalls);

        connect(athlete);
        assertThat(html(page(athlete))).contains("data-state=\"CONNECTED\"", "id=\"workouts\"")
            .doesNotContain("Connect again");
    }

    @Test
    void theAthletesOwnDisconnectIsNotShownAsARevocation() throws Exception {
        String athlete = connect(newAthleteId());
        tokens.disconnect(athlete);

        String html = html(page(athlete));

        assertThat(html).contains("data-state=\"DISCONNECTED\"", "You disconnected", "Connect TrainingPeaks")
            .doesNotContain("no longer accepts", "Connect again", "id=\"workouts\"");
    }

    @Test
    void aBasicAthleteGetsAnExplanationInsteadOfChartsAndNoMetricsCall() throws Exception {
        STAND_IN.newAthletesPremium(false);
        try {
            String athlete = connect(newAthleteId());
            int metricCalls = (int) STAND_IN.requests().stream().filter(r -> r.path().startsWith("/v2/metrics")).count();

            String html = html(page(athlete));

            assertThat(html).contains("id=\"premium-only\"", "Premium athletes only", "id=\"weekly-volume\"",
                    "id=\"workouts\"").doesNotContain("id=\"pmc\"", "does not share this part", "Still loading");
            assertThat(STAND_IN.requests().stream().filter(r -> r.path().startsWith("/v2/metrics")).count())
                .isEqualTo(metricCalls);
        }
        finally {
            STAND_IN.newAthletesPremium(true);
        }
    }

    @Test
    void anAthleteWithoutTokensIsAskedToConnect() throws Exception {
        String html = html(page(newAthleteId()));

        assertThat(html).contains("data-state=\"NOT_CONNECTED\"", "Connect TrainingPeaks", "action=\"/connect/start\"");
    }

    @Test
    void trainingPeaksBeingDownIsAFriendlyMessageNotAStackTrace() throws Exception {
        String athlete = connect(newAthleteId());
        STAND_IN.outage(true);

        MvcResult result = page(athlete);

        String html = html(result);
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(html).contains("TrainingPeaks is not answering right now", "data-state=\"CONNECTED\"")
            .doesNotContain("Exception", "at com.podium", "non_json_body", "HTTP 502");
    }

    @Test
    void anInvalidAccountIdIsABadRequestPage() throws Exception {
        MvcResult result = mvc.perform(get("/dashboard/a b").with(user("a-1").roles("ATHLETE"))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(result)).contains("1 to 64 letters").doesNotContain("<script>");
    }

    @Test
    void dashboardWithoutIdIsTheSignedInAthletesOwn() throws Exception {
        MvcResult result = mvc.perform(get("/dashboard").with(user("a-1").roles("ATHLETE"))).andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/dashboard/a-1");
    }
}
