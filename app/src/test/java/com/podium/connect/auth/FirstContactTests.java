package com.podium.connect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.Metric;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.dashboard.DailyMetrics;
import com.podium.connect.token.Tokens;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.Poll;
import com.podium.testsupport.SharedStandIn;
import com.podium.trainingpeaks.standin.Athlete;
import com.podium.trainingpeaks.standin.RecordedRequest;
import com.podium.trainingpeaks.standin.TokenRequest;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * What a new user gets with default settings against the stand-in playing TrainingPeaks as documented: connect through
 * the connect page, the dashboard (premium athlete, basic athlete, coach), a refresh, and disconnect - including the
 * undocumented question whether deauthorize accepts an expired access token, answered both ways.
 */
@IntegrationTest
@AutoConfigureMockMvc
class FirstContactTests {

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();

    @Autowired
    MockMvc mvc;

    @Autowired
    Tokens tokens;

    @Autowired
    TrainingPeaksApi api;

    final String account = "fc-" + UUID.randomUUID();

    @BeforeEach
    void resetStandIn() {
        standIn.reset();
    }

    @AfterEach
    void calmStandIn() {
        standIn.reset();
    }

    /** Connects through the connect page and returns the TrainingPeaks user the stand-in created. */
    Athlete connect(Browser browser, String role) throws Exception {
        MockHttpServletResponse landed = browser.connect(account, role);
        assertThat(landed.getStatus()).as(landed.getContentAsString()).isEqualTo(303);
        List<Athlete> users = standIn.athletes();
        return users.stream().filter(u -> u.coach() == role.equals("coach")).reduce((a, b) -> b).orElseThrow();
    }

    String dashboard(Browser browser) throws Exception {
        return page(browser, "/dashboard/" + account);
    }

    String page(Browser browser, String path) throws Exception {
        MockHttpServletResponse page = browser.open(path);
        assertThat(page.getStatus()).isEqualTo(200);
        return page.getContentAsString();
    }

    @Test
    void aPremiumAthleteSeesRestingHeartRateHrvWeightSleepAndPlannedAgainstCompleted() throws Exception {
        Browser browser = new Browser(mvc);
        connect(browser, "athlete");
        TokenRequest exchange = standIn.tokenRequests().get(0);
        assertThat(exchange.clientAuth()).isEqualTo(TokenRequest.ClientAuth.FORM);
        assertThat(exchange.authorizationHeaderPresent()).isFalse();
        assertThat(tokens.status(account).orElseThrow().scope()).isEqualTo("athlete:profile workouts:read metrics:read");

        String html = dashboard(browser);

        AthleteProfile profile = api.profile(account);
        List<Metric> metrics = api.metrics(account, api.recentRange(profile.zone()));
        assertThat(html).contains(">Premium<", "id=\"plan\"", "Completed", "id=\"pmc\"", "Resting heart rate",
                "Heart rate variability", "Weight", "Sleep")
            .doesNotContain("premium-only").doesNotContain("not answering");
        assertThat(metrics).anyMatch(m -> m.restingHeartRate().isPresent());
        assertThat(standIn.requests()).filteredOn(r -> r.path().startsWith("/v"))
            .isNotEmpty()
            .extracting(RecordedRequest::userAgent)
            .allSatisfy(ua -> assertThat(ua).matches("PodiumConnect/\\S+"));
    }

    @Test
    void aBasicAthleteSeesAPremiumOnlyNoteInsteadOfMetricsAndNoErrorCode() throws Exception {
        standIn.newAthletesPremium(false);
        Browser browser = new Browser(mvc);
        connect(browser, "athlete");

        String html = dashboard(browser);

        assertThat(html).contains(">Basic<").contains("id=\"premium-only\"").contains("Premium athletes only")
            .contains("id=\"workouts\"").doesNotContain("id=\"pmc\"").doesNotContain("premium_required")
            .doesNotContain("HTTP");
        assertThat(standIn.requests()).noneMatch(r -> r.path().startsWith("/v2/metrics"));
    }

    @Test
    void aCoachSeesTheRosterThroughTheCoachScopedCalls() throws Exception {
        Browser browser = new Browser(mvc);
        Athlete coach = connect(browser, "coach");
        assertThat(tokens.status(account).orElseThrow().scope()).isEqualTo("coach:athletes workouts:read metrics:read");

        String html = page(browser, "/coach");

        List<AthleteProfile> roster = api.coachAthletes(account);
        assertThat(roster).hasSize(3);
        assertThat(coach.coach()).isTrue();
        assertThat(html).contains("id=\"roster\"").doesNotContain("not answering").doesNotContain("insufficient_scope");
        for (AthleteProfile athlete : roster) {
            assertThat(html).contains(athlete.firstName() + " " + athlete.lastName())
                .contains("href=\"/coach/athletes/" + athlete.id() + "\"");
        }
        assertThat(page(browser, "/coach/athletes/" + roster.get(0).id())).contains("id=\"workouts\"",
                roster.get(0).firstName() + " " + roster.get(0).lastName());
        assertThat(standIn.requests()).noneMatch(r -> r.path().equals("/v1/athlete/profile"))
            .anyMatch(r -> r.path().startsWith("/v2/workouts/" + roster.get(0).id() + "/"))
            .anyMatch(r -> r.path().startsWith("/v2/metrics/" + roster.get(0).id() + "/"))
            .noneMatch(r -> r.path().startsWith("/v2/metrics/" + roster.get(1).id() + "/"));
    }

    @Test
    void aRefreshWithBodyCredentialsKeepsTheAthleteConnected() throws Exception {
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        Browser browser = new Browser(mvc);
        connect(browser, "athlete");
        Instant refreshAt = tokens.status(account).orElseThrow().refreshAt();
        Poll.until("the refresh to be due", Duration.ofSeconds(10), () -> Instant.now().isAfter(refreshAt));

        assertThat(api.workouts(account, api.recentRange())).isNotNull();

        assertThat(standIn.refreshCalls()).isEqualTo(1);
        assertThat(standIn.lastTokenRequest().orElseThrow().clientAuth()).isEqualTo(TokenRequest.ClientAuth.FORM);
        assertThat(tokens.status(account)).isPresent();
    }

    @ParameterizedTest(name = "{0}, HRV spelled {1}")
    @CsvSource({"athlete, Hrv", "athlete, HRV"})
    void hrvShowsWhicheverWayTrainingPeaksSpellsIt(String role, String hrvKey) throws Exception {
        standIn.hrvKey(hrvKey);
        Browser browser = new Browser(mvc);
        connect(browser, role);

        String html = dashboard(browser);

        AthleteProfile profile = api.profile(account);
        assertThat(DailyMetrics.byDay(api.metrics(account, api.recentRange(profile.zone()))))
            .anySatisfy(day -> assertThat(day.hrv()).isNotNull());
        assertThat(html).contains("Heart rate variability"); // a health value without data is not shown
    }

    /** Refresh-token rotation is undocumented: both roles keep working through two refreshes either way. */
    @ParameterizedTest(name = "{0}, rotation {1}")
    @CsvSource({"athlete, true", "athlete, false", "coach, true", "coach, false"})
    void connectRefreshTwiceAndDisconnectWithOrWithoutRotation(String role, boolean rotate) throws Exception {
        standIn.rotateRefreshTokens(rotate).accessTokenLifetime(Duration.ofSeconds(2));
        Browser browser = new Browser(mvc);
        Athlete user = connect(browser, role);

        for (int refresh = 1; refresh <= 2; refresh++) {
            Instant refreshAt = tokens.status(account).orElseThrow().refreshAt();
            Poll.until("refresh " + refresh + " to be due", Duration.ofSeconds(10), () -> Instant.now().isAfter(refreshAt));
            assertThat(tokens.getToken(account).value()).isNotBlank();
            assertThat(standIn.refreshCalls()).isEqualTo(refresh);
        }
        String page = role.equals("coach") ? page(browser, "/coach") : dashboard(browser);
        assertThat(page).doesNotContain("not answering").doesNotContain("Re-authorize");

        assertThat(browser.pressDisconnect(account).getStatus()).isEqualTo(303);
        assertThat(standIn.hasLiveGrant(user.id())).isFalse();
        assertThat(tokens.status(account)).isEmpty();
    }

    @Test
    void disconnectRevokesTheGrantAtTrainingPeaks() throws Exception {
        Browser browser = new Browser(mvc);
        Athlete user = connect(browser, "athlete");

        MockHttpServletResponse response = browser.pressDisconnect(account);

        assertThat(response.getStatus()).isEqualTo(303);
        assertThat(standIn.hasLiveGrant(user.id())).isFalse();
        assertThat(tokens.status(account)).isEmpty();
    }

    @Test
    void disconnectWithAnExpiredAccessTokenRefreshesFirstWhenTrainingPeaksRefusesExpiredOnes() throws Exception {
        standIn.accessTokenLifetime(Duration.ofSeconds(2)); // deauthorizeAcceptsExpiredToken is off by default
        Browser browser = new Browser(mvc);
        Athlete user = connect(browser, "athlete");
        Instant expiresAt = tokens.status(account).orElseThrow().expiresAt();
        Poll.until("the access token to expire", Duration.ofSeconds(10), () -> Instant.now().isAfter(expiresAt));

        MockHttpServletResponse response = browser.pressDisconnect(account);

        assertThat(response.getStatus()).isEqualTo(303);
        assertThat(standIn.refreshCalls()).isEqualTo(1);
        assertThat(standIn.deauthorizeCalls()).isEqualTo(1);
        assertThat(standIn.hasLiveGrant(user.id())).isFalse();
    }

    @Test
    void disconnectAfterTrainingPeaksExpiredTheTokenEarlyRetriesOnceWithAFreshOne() throws Exception {
        Browser browser = new Browser(mvc);
        Athlete user = connect(browser, "athlete");
        standIn.expireAccessTokensNow(); // our clock still thinks it is valid

        MockHttpServletResponse response = browser.pressDisconnect(account);

        assertThat(response.getStatus()).isEqualTo(303);
        assertThat(standIn.deauthorizeCalls()).isEqualTo(2);
        assertThat(standIn.refreshCalls()).isEqualTo(1);
        assertThat(standIn.hasLiveGrant(user.id())).isFalse();
    }

    @Test
    void whereTrainingPeaksAcceptsAnExpiredTokenDisconnectNeedsNoRefresh() throws Exception {
        standIn.deauthorizeAcceptsExpiredToken(true);
        Browser browser = new Browser(mvc);
        Athlete user = connect(browser, "athlete");
        standIn.expireAccessTokensNow();

        MockHttpServletResponse response = browser.pressDisconnect(account);

        assertThat(response.getStatus()).isEqualTo(303);
        assertThat(standIn.deauthorizeCalls()).isEqualTo(1);
        assertThat(standIn.refreshCalls()).isZero();
        assertThat(standIn.hasLiveGrant(user.id())).isFalse();
    }

    @Test
    void whenTrainingPeaksDoesNotConfirmTheUserIsToldWhereToRemoveTheApp() throws Exception {
        Browser browser = new Browser(mvc);
        Athlete user = connect(browser, "athlete");
        standIn.outage(true);

        MockHttpServletResponse response = browser.pressDisconnect(account);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("may still list Podium")
            .contains("account settings").contains("href=\"/connect\"")
            .doesNotContain("Exception").doesNotContain("502");
        assertThat(tokens.status(account)).as("our tokens are gone anyway").isEmpty();
        standIn.outage(false);
        assertThat(standIn.hasLiveGrant(user.id())).as("the grant really is still live there").isTrue();
    }
}
