package com.podium.connect.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.RevocationState;
import com.podium.connect.apiclient.StandInIntegrationTest;
import com.podium.connect.apiclient.SyncScheduler;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.auth.ConnectionPrompts;
import com.podium.connect.token.TokenRevoked;

/** The dashboard page rendered by the running application against the stand-in. */
class DashboardIntegrationTests extends StandInIntegrationTest {

    @Autowired
    ConnectionPrompts prompts;


    @Autowired
    MockMvc mvc;

    @Autowired
    TrainingPeaksApi api;

    @Autowired
    RevocationState revocations;

    @Autowired
    SyncScheduler syncs;

    @AfterEach
    void calmTheStandIn() {
        STAND_IN.outage(false);
    }

    MvcResult page(String path) throws Exception {
        return mvc.perform(get(path)).andReturn();
    }

    static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }

    @Test
    void aConnectedAthleteSeesProfileWorkoutsAndMetricsAndGetsASync() throws Exception {
        String athlete = connect(newAthleteId());
        AthleteProfile profile = api.profile(athlete);

        MvcResult result = page("/dashboard/" + athlete);

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).startsWith("text/html");
        String html = html(result);
        assertThat(html).contains("Connected as ATHLETE").contains(profile.email())
            .contains(profile.firstName() + " " + profile.lastName()).contains("id=\"workouts\"")
            .contains("id=\"metrics\"").doesNotContain("Re-authorize");
        assertThat(html).contains("id=\"workouts-summary\"").contains("Premium account");
        assertThat(html.split("<tr>")).hasSizeGreaterThan(1 + 14); // header rows + 14 days of metrics + workouts
        assertThat(STAND_IN.issuedAccessTokens()).noneMatch(html::contains);
        assertThat(syncs.isScheduled(athlete)).isTrue();
    }

    @Test
    void aRevokedTokenShowsTheReauthorizePromptWithoutCallingTrainingPeaks() throws Exception {
        String athlete = connect(newAthleteId());
        assertThat(html(page("/dashboard?athleteId=" + athlete))).doesNotContain("Re-authorize");
        assertThat(syncs.isScheduled(athlete)).isTrue();

        publishRevocation(athlete, TokenRevoked.Reason.REFRESH_FAILURES_EXHAUSTED);
        await("TokenRevoked to arrive from Kafka", () -> revocations.isRevoked(athlete));
        int apiCalls = STAND_IN.apiCalls();

        String html = html(page("/dashboard/" + athlete));

        assertThat(html).contains("Re-authorize TrainingPeaks").contains("REFRESH_FAILURES_EXHAUSTED")
            .contains("href=\"/connect?athleteId=" + athlete + "\"").doesNotContain("id=\"workouts\"");
        assertThat(STAND_IN.apiCalls()).isEqualTo(apiCalls);
        assertThat(syncs.isScheduled(athlete)).isFalse();

        publishAuthorizationCompleted(athlete);
        await("AuthorizationCompleted to arrive from Kafka", () -> !revocations.isRevoked(athlete));
        assertThat(html(page("/dashboard/" + athlete))).doesNotContain("Re-authorize").contains("id=\"workouts\"");
    }

    @Test
    void afterARestartTheRevocationRecordedByTheAuthModuleStillShowsThePrompt() throws Exception {
        String athlete = connect(newAthleteId());
        publishRevocation(athlete, TokenRevoked.Reason.REFRESH_REJECTED);
        await("the auth module to record the revocation", () -> prompts.reauthorizationPrompt(athlete).isPresent());
        await("TokenRevoked to arrive from Kafka", () -> revocations.isRevoked(athlete));
        forgetRevocationsAsAfterARestart(athlete);
        int apiCalls = STAND_IN.apiCalls();

        String html = html(page("/dashboard/" + athlete));

        assertThat(html).contains("Re-authorize TrainingPeaks").contains("REFRESH_REJECTED");
        assertThat(STAND_IN.apiCalls()).isEqualTo(apiCalls);
    }

    @Test
    void anAthleteWithoutTokensIsAskedToConnect() throws Exception {
        String html = html(page("/dashboard/" + newAthleteId()));

        assertThat(html).contains("not connected").contains("Connect TrainingPeaks").contains("href=\"/connect?athleteId=");
    }

    @Test
    void trainingPeaksBeingDownIsAFriendlyMessageNotAStackTrace() throws Exception {
        String athlete = connect(newAthleteId());
        STAND_IN.outage(true);

        MvcResult result = page("/dashboard/" + athlete);

        String html = html(result);
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(html).contains("TrainingPeaks could not answer right now (HTTP 502, non_json_body)")
            .contains("try again").doesNotContain("Exception").doesNotContain("at com.podium");
    }

    @Test
    void everythingFromTheRequestIsEscaped() throws Exception {
        String html = html(page("/dashboard?athleteId=<script>alert(1)</script>"));

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            .contains("href=\"/connect?athleteId=%3Cscript%3Ealert(1)%3C/script%3E\"");
    }

    @Test
    void aMissingAthleteIdIsABadRequestPage() throws Exception {
        MvcResult result = page("/dashboard");

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(result)).contains("Which athlete?");
    }
}
