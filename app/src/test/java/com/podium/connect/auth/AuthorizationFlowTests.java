package com.podium.connect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenRevoked;
import com.podium.connect.token.TokenStatus;
import com.podium.connect.token.Tokens;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.SharedStandIn;
import com.podium.trainingpeaks.standin.Failure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * The Authorization Code flow end to end: connect page, the TrainingPeaks stand-in as provider, the callback, the
 * real token module on PostgreSQL, and the event on Kafka.
 */
@IntegrationTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class AuthorizationFlowTests {

    static final String ATHLETE_SCOPE = "athlete:profile workouts:read metrics:read";
    static final String COACH_SCOPE = "coach:athletes workouts:read metrics:read";

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();

    @Autowired
    MockMvc mvc;

    @Autowired
    Tokens tokens;

    @Autowired
    ConnectionPrompts connections;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    final ObjectMapper json = new ObjectMapper();
    final String athlete = "a-" + UUID.randomUUID();

    @BeforeEach
    void resetStandIn() {
        standIn.reset();
    }

    @Test
    void connectingStoresTheTokensPublishesAuthorizationCompletedAndShowsConnected(CapturedOutput output)
            throws Exception {
        Browser browser = new Browser(mvc);
        MockHttpServletResponse started = browser.pressStart(athlete, "athlete");
        assertThat(started.getStatus()).isEqualTo(303);
        assertThat(started.getHeader("Set-Cookie")).contains("HttpOnly", "SameSite=Lax");
        URI authorizeUrl = URI.create(started.getHeader("Location"));
        URI callbackUrl = browser.authorizeAt(authorizeUrl);

        MockHttpServletResponse landed = browser.callback(callbackUrl);

        assertThat(landed.getStatus()).isEqualTo(303);
        assertThat(landed.getHeader("Location")).as("straight to the athlete's page").isEqualTo("/dashboard");
        TokenStatus status = tokens.status(athlete).orElseThrow();
        assertThat(status.role()).isEqualTo(AccountRole.ATHLETE);
        assertThat(status.scope()).isEqualTo(ATHLETE_SCOPE);
        assertThat(status.expiresAt()).isCloseTo(Instant.now().plusSeconds(600), within(Duration.ofMinutes(1)));
        assertThat(standIn.exchangeCalls()).isEqualTo(1);
        assertThat(standIn.lastTokenRequest().orElseThrow().clientAuth())
            .isEqualTo(com.podium.trainingpeaks.standin.TokenRequest.ClientAuth.FORM);
        assertThat(standIn.lastTokenRequest().orElseThrow().form()).doesNotContainKey("code_verifier");

        ConsumerRecord<String, String> record = TokenEventsOnKafka.await(athlete, "AuthorizationCompleted");
        JsonNode event = json.readTree(record.value());
        assertThat(event.get("role").asText()).isEqualTo("ATHLETE");
        assertThat(event.get("scope").asText()).isEqualTo(ATHLETE_SCOPE);
        assertThat(Instant.parse(event.get("expiresAt").asText()).truncatedTo(ChronoUnit.SECONDS))
            .isEqualTo(status.expiresAt().truncatedTo(ChronoUnit.SECONDS));

        String page = browser.connectPage();
        assertThat(page).contains("data-state=\"CONNECTED\"", "Connected to TrainingPeaks", "as an athlete")
            .as("no raw scope strings").doesNotContain(ATHLETE_SCOPE);

        // Neither the code, the state nor a token reaches a log line or the page.
        String code = Browser.query(callbackUrl).get("code");
        String state = Browser.query(callbackUrl).get("state");
        assertThat(output.getAll()).doesNotContain(code, state);
        for (String secret : standIn.issuedAccessTokens()) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(page).doesNotContain(secret);
        }
        for (String secret : standIn.issuedRefreshTokens()) {
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    @Test
    void scopesFollowTheChosenRole() throws Exception {
        Browser browser = new Browser(mvc);

        URI athleteUrl = browser.start(athlete, "athlete");
        URI coachUrl = browser.start("coach-" + athlete, "coach");

        assertThat(athleteUrl.toString()).startsWith(standIn.baseUri() + "/OAuth/Authorize?");
        assertThat(Browser.query(athleteUrl)).containsEntry("response_type", "code")
            .containsEntry("client_id", TrainingPeaksStandIn.DEFAULT_CLIENT_ID)
            .containsEntry("scope", ATHLETE_SCOPE)
            .containsEntry("redirect_uri", "http://localhost:8501/")
            .doesNotContainKey("code_challenge");
        assertThat(Browser.query(coachUrl)).containsEntry("scope", COACH_SCOPE);
        assertThat(Browser.query(athleteUrl).get("state")).matches("[A-Za-z0-9_-]{43}")
            .isNotEqualTo(Browser.query(coachUrl).get("state"));
    }

    @Test
    void coachConnectionIsStoredWithTheCoachRoleAndScope() throws Exception {
        assertThat(new Browser(mvc).connect(athlete, "coach").getStatus()).isEqualTo(303);

        TokenStatus status = tokens.status(athlete).orElseThrow();
        assertThat(status.role()).isEqualTo(AccountRole.COACH);
        assertThat(status.scope()).isEqualTo(COACH_SCOPE);
    }

    @Test
    void forgedStateIsRefusedAndChangesNothing() throws Exception {
        Browser browser = new Browser(mvc);
        URI callbackUrl = browser.authorizeAt(browser.start(athlete, "athlete"));
        URI forged = Browser.withQueryParam(callbackUrl, "state", UUID.randomUUID().toString());

        MockHttpServletResponse response = browser.callback(forged);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString()).contains("unknown or was already used");
        assertNothingHappened();
    }

    @Test
    void missingStateIsRefused() throws Exception {
        Browser browser = new Browser(mvc);
        URI callbackUrl = browser.authorizeAt(browser.start(athlete, "athlete"));
        URI withoutState = Browser.withQueryParam(callbackUrl, "state", null);

        assertThat(browser.callback(withoutState).getStatus()).isEqualTo(400);
        assertNothingHappened();
    }

    @Test
    void reusedStateIsRefused() throws Exception {
        Browser browser = new Browser(mvc);
        URI callbackUrl = browser.authorizeAt(browser.start(athlete, "athlete"));
        assertThat(browser.callback(callbackUrl).getStatus()).isEqualTo(303);

        MockHttpServletResponse replay = browser.callback(callbackUrl);

        assertThat(replay.getStatus()).isEqualTo(400);
        assertThat(replay.getContentAsString()).contains("unknown or was already used");
        assertThat(standIn.exchangeCalls()).isEqualTo(1);
    }

    @Test
    void stateFromAnotherBrowserIsRefused() throws Exception {
        Browser victim = new Browser(mvc);
        Browser attacker = new Browser(mvc);
        attacker.start("someone-else", "athlete"); // the attacker has a binding cookie of its own
        URI callbackUrl = victim.authorizeAt(victim.start(athlete, "athlete"));
        standIn.resetCounters();

        MockHttpServletResponse response = attacker.callback(callbackUrl);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("started in another browser");
        assertNothingHappened();
    }

    @Test
    void callbackWithoutTheBindingCookieIsRefused() throws Exception {
        URI callbackUrl = new Browser(mvc).authorizeAt(new Browser(mvc).start(athlete, "athlete"));

        assertThat(new Browser(mvc).signIn(athlete, "athlete").callback(callbackUrl).getStatus()).isEqualTo(400);
        assertNothingHappened();
    }

    @Test
    void deniedAccessShowsAFriendlyPageAndStoresNothing() throws Exception {
        standIn.denyNextAuthorization();
        Browser browser = new Browser(mvc);
        URI callbackUrl = browser.authorizeAt(browser.start(athlete, "athlete"));
        assertThat(Browser.query(callbackUrl)).containsEntry("error", "access_denied");

        MockHttpServletResponse response = browser.callback(callbackUrl);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("You did not allow Podium to access TrainingPeaks")
            .contains("href=\"/connect\"");
        assertNothingHappened();
    }

    @Test
    void providerErrorTextIsEscaped() throws Exception {
        Browser browser = new Browser(mvc);
        URI callbackUrl = browser.authorizeAt(browser.start(athlete, "athlete"));
        String state = Browser.query(callbackUrl).get("state");
        URI hostile = URI.create("http://localhost:8501/?error=%3Cscript%3Ex&error_description=%3Cb%3Ehi%3C%2Fb%3E&state="
                + state);

        String page = browser.callback(hostile).getContentAsString();

        assertThat(page).doesNotContain("<script>x", "<b>hi").contains("&lt;b&gt;hi")
            .as("the provider's error code is for the log, not the page").doesNotContain("script&gt;x");
        assertNothingHappened();
    }

    @Test
    void failedExchangeShowsABadGatewayPageWithStatusAndErrorCode() throws Exception {
        Browser browser = new Browser(mvc);
        URI callbackUrl = browser.authorizeAt(browser.start(athlete, "athlete"));
        standIn.failNextTokenCalls(1, Failure.INVALID_GRANT_400);

        MockHttpServletResponse response = browser.callback(callbackUrl);

        assertThat(response.getStatus()).isEqualTo(502);
        assertThat(response.getContentAsString()).contains("did not accept this connection attempt")
            .as("no internal codes").doesNotContain("invalid_grant", "400", "Exception");
        assertThat(tokens.status(athlete)).isEmpty();
        assertThat(TokenEventsOnKafka.typesFor(athlete, Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void revocationShowsReauthorizationNeededUntilTheNextAuthorization() throws Exception {
        Browser browser = new Browser(mvc);
        browser.connect(athlete, "athlete");

        // TrainingPeaks forgets the grant; the next 401 makes the token module refresh, get invalid_grant and revoke.
        standIn.revokeAll();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> tokens.refreshRejected(athlete, tokens.getToken(athlete)));

        String page = browser.connectPage();
        assertThat(page).as("recorded in the revoking transaction: shown on the very next load")
            .contains("data-state=\"REAUTHORIZATION_NEEDED\"", "no longer accepts Podium", "Connect again")
            .doesNotContain("REFRESH_REJECTED", "invalid_grant", "Disconnect…");
        assertThat(connections.reauthorizationPrompt(athlete)).get()
            .extracting(ReauthorizationPrompt::reason).isEqualTo(TokenRevoked.Reason.REFRESH_REJECTED);

        assertThat(browser.connect(athlete, "athlete").getStatus()).isEqualTo(303);

        assertThat(browser.connectPage()).contains("data-state=\"CONNECTED\"", "Disconnect…")
            .doesNotContain("Connect again");
        assertThat(connections.reauthorizationPrompt(athlete)).isEmpty();
        assertThat(connections.connectionStatus(athlete).state()).isEqualTo(ConnectionStatus.State.CONNECTED);
    }

    @Test
    void aRevocationOlderThanTheLatestAuthorizationDoesNotReopenThePrompt() throws Exception {
        Instant beforeConnecting = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        new Browser(mvc).connect(athlete, "athlete");

        // Delivered late (e.g. resubmitted after an outage): it predates the authorization.
        transactions.executeWithoutResult(tx -> events.publishEvent(TokenRevoked.of(athlete, beforeConnecting,
                TokenRevoked.Reason.REFRESH_FAILURES_EXHAUSTED, "late")));
        awaitRecordedRevocation(beforeConnecting);

        assertThat(connections.reauthorizationPrompt(athlete)).isEmpty();
        assertThat(connections.connectionStatus(athlete).state()).isEqualTo(ConnectionStatus.State.CONNECTED);
    }

    @Test
    void disconnectButtonRemovesTheConnection() throws Exception {
        Browser browser = new Browser(mvc);
        browser.connect(athlete, "athlete");

        MockHttpServletResponse response = browser.pressDisconnect(athlete);

        assertThat(response.getStatus()).isEqualTo(303);
        assertThat(tokens.status(athlete)).isEmpty();
        assertThat(standIn.deauthorizeCalls()).isEqualTo(1);
        // The user's own disconnect is recorded from its TokenRevoked but asks for no re-authorization.
        awaitRecordedRevocation("DISCONNECTED");
        assertThat(connections.reauthorizationPrompt(athlete)).isEmpty();
        assertThat(browser.connectPage()).contains("data-state=\"DISCONNECTED\"", "You disconnected",
                "Connect TrainingPeaks").doesNotContain("no longer accepts", "Disconnect…");
    }

    @Test
    void formsWithoutThePagesCsrfTokenAreRefused() throws Exception {
        Browser victim = new Browser(mvc);
        victim.connect(athlete, "athlete");
        standIn.resetCounters();

        // A cross-site form: signed in (the session cookie comes along), but without the CSRF token of our page.
        MockHttpServletResponse disconnect = mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/connect/disconnect")
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                        .user(athlete).roles("ATHLETE")))
            .andReturn().getResponse();

        assertThat(disconnect.getStatus()).isEqualTo(403);
        assertThat(tokens.status(athlete)).as("still connected").isPresent();
        assertThat(standIn.deauthorizeCalls()).isZero();
    }

    @Test
    void theConnectPageOffersOnlyWhatMakesSenseNow() throws Exception {
        Browser browser = new Browser(mvc).signIn(athlete, "athlete");

        MockHttpServletResponse root = browser.open("/");
        assertThat(root.getStatus()).isEqualTo(303);
        assertThat(root.getHeader("Location")).isEqualTo("/home");
        assertThat(browser.connectPage()).contains("data-state=\"NOT_CONNECTED\"", "Connect TrainingPeaks")
            .doesNotContain("Connect again", "Disconnect…");
        assertThat(browser.open("/connect/disconnect").getHeader("Location"))
            .as("nothing to disconnect: no confirmation page").isEqualTo("/connect");
    }

    @Test
    void aCoachConnectsAsCoachAndLandsOnTheRoster() throws Exception {
        MockHttpServletResponse landed = new Browser(mvc).connect(athlete, "coach");

        assertThat(landed.getHeader("Location")).isEqualTo("/coach");
        assertThat(tokens.status(athlete).orElseThrow().role()).isEqualTo(AccountRole.COACH);
    }

    @Test
    void theStateIsBoundToTheSignedInUser() throws Exception {
        Browser browser = new Browser(mvc);
        URI callbackUrl = browser.authorizeAt(browser.start(athlete, "athlete"));
        standIn.resetCounters();

        // Same browser, but someone else signed in meanwhile.
        MockHttpServletResponse response = browser.signIn("someone-else", "athlete").callback(callbackUrl);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("started by another Podium user");
        assertNothingHappened();
    }

    private void assertNothingHappened() {
        assertThat(standIn.exchangeCalls()).isZero();
        assertThat(tokens.status(athlete)).isEmpty();
        assertThat(TokenEventsOnKafka.typesFor(athlete, Duration.ofSeconds(2))).isEmpty();
    }

    /** Waits until the listener has written the revocation to the prompt table. */
    private void awaitRecordedRevocation(Instant revokedAt) throws InterruptedException {
        awaitRow("SELECT 1 FROM auth_reauthorization_prompts WHERE athlete_id = ? AND revoked_at = ?",
                revokedAt.atOffset(java.time.ZoneOffset.UTC));
    }

    private void awaitRecordedRevocation(String reason) throws InterruptedException {
        awaitRow("SELECT 1 FROM auth_reauthorization_prompts WHERE athlete_id = ? AND reason = ?", reason);
    }

    private void awaitRow(String sql, Object value) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (jdbc.queryForList(sql, athlete, value).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the revocation of " + athlete + " was never recorded");
            }
            Thread.sleep(100);
        }
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return org.assertj.core.api.Assertions.within(duration.toSeconds(), ChronoUnit.SECONDS);
    }
}
