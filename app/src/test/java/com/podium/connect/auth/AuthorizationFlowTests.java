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
        assertThat(landed.getHeader("Location")).isEqualTo("/connect?athleteId=" + athlete);
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

        String page = browser.open("/connect?athleteId=" + athlete).getContentAsString();
        assertThat(page).contains("data-state=\"CONNECTED\"", ATHLETE_SCOPE, "ATHLETE");

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

        assertThat(new Browser(mvc).callback(callbackUrl).getStatus()).isEqualTo(400);
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
            .contains("href=\"/connect?athleteId=" + athlete + "\"");
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

        assertThat(page).doesNotContain("<script>x", "<b>hi").contains("&lt;script&gt;x", "&lt;b&gt;hi");
        assertNothingHappened();
    }

    @Test
    void failedExchangeShowsABadGatewayPageWithStatusAndErrorCode() throws Exception {
        Browser browser = new Browser(mvc);
        URI callbackUrl = browser.authorizeAt(browser.start(athlete, "athlete"));
        standIn.failNextTokenCalls(1, Failure.INVALID_GRANT_400);

        MockHttpServletResponse response = browser.callback(callbackUrl);

        assertThat(response.getStatus()).isEqualTo(502);
        assertThat(response.getContentAsString()).contains("HTTP 400", "invalid_grant").doesNotContain("Exception");
        assertThat(tokens.status(athlete)).isEmpty();
        assertThat(TokenEventsOnKafka.typesFor(athlete, Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void revocationShowsReauthorizationNeededUntilTheNextAuthorization() throws Exception {
        Browser browser = new Browser(mvc);
        browser.connect(athlete, "athlete");

        // As the token module does when TrainingPeaks rejects the refresh token.
        transactions.executeWithoutResult(tx -> events.publishEvent(TokenRevoked.of(athlete, Instant.now(),
                TokenRevoked.Reason.REFRESH_REJECTED, "invalid_grant: refresh token revoked")));

        String page = awaitPage(browser, "Re-authorization needed");
        assertThat(page).contains("data-state=\"REAUTHORIZATION_NEEDED\"", "REFRESH_REJECTED",
                "invalid_grant: refresh token revoked");
        assertThat(connections.reauthorizationPrompt(athlete)).get()
            .extracting(ReauthorizationPrompt::reason).isEqualTo(TokenRevoked.Reason.REFRESH_REJECTED);

        assertThat(browser.connect(athlete, "athlete").getStatus()).isEqualTo(303);

        assertThat(browser.open("/connect?athleteId=" + athlete).getContentAsString())
            .contains("data-state=\"CONNECTED\"").doesNotContain("Re-authorization needed");
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
        assertThat(browser.open("/connect?athleteId=" + athlete).getContentAsString())
            .contains("data-state=\"NOT_CONNECTED\"");
    }

    @Test
    void formsPostedFromAnotherSiteOrWithoutTheConnectPageAreRefused() throws Exception {
        Browser victim = new Browser(mvc);
        victim.connect(athlete, "athlete");
        standIn.resetCounters();
        String victimsToken = victim.openConnectPage(athlete);

        // A cross-site form: no SameSite=Lax cookie comes along, whatever token it guesses or copies.
        MockHttpServletResponse disconnect = mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/connect/disconnect")
                    .param("athleteId", athlete).param("formToken", victimsToken))
            .andReturn().getResponse();
        // The right cookie with a wrong token: not our page.
        MockHttpServletResponse start = victim.send(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/connect/start")
                    .param("athleteId", athlete).param("role", "athlete").param("formToken", "forged"));

        assertThat(disconnect.getStatus()).isEqualTo(403);
        assertThat(start.getStatus()).isEqualTo(403);
        assertThat(start.getContentAsString()).contains("did not come from the connect page");
        assertThat(tokens.status(athlete)).as("still connected").isPresent();
        assertThat(standIn.deauthorizeCalls()).isZero();
    }

    @Test
    void pagesAndRedirectsForEverythingElse() throws Exception {
        Browser browser = new Browser(mvc);

        MockHttpServletResponse root = browser.open("/");
        assertThat(root.getStatus()).isEqualTo(303);
        assertThat(root.getHeader("Location")).isEqualTo("/connect");
        assertThat(browser.open("/connect").getContentAsString()).contains("Podium account id");
        assertThat(browser.open("/connect?athleteId=" + athlete).getContentAsString())
            .contains("data-state=\"NOT_CONNECTED\"", "Start OAuth flow", "Re-authorize", "Disconnect");
        assertThat(browser.open("/connect?athleteId=%3Cscript%3E").getStatus()).isEqualTo(400);
        assertThat(browser.pressStart("bad id", "athlete").getStatus()).isEqualTo(400);
        assertThat(browser.pressStart(athlete, "admin").getStatus()).isEqualTo(400);
    }

    private void assertNothingHappened() {
        assertThat(standIn.exchangeCalls()).isZero();
        assertThat(tokens.status(athlete)).isEmpty();
        assertThat(TokenEventsOnKafka.typesFor(athlete, Duration.ofSeconds(2))).isEmpty();
    }

    private String awaitPage(Browser browser, String text) throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        String page;
        do {
            page = browser.open("/connect?athleteId=" + athlete).getContentAsString();
            if (page.contains(text)) {
                return page;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("the connect page never showed '" + text + "':\n" + page);
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
