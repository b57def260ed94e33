package com.podium.connect.token;

import static com.podium.connect.token.StandInTokens.awaitExpiry;
import static com.podium.connect.token.StandInTokens.awaitRefreshDue;
import static com.podium.connect.token.StandInTokens.body;
import static com.podium.connect.token.StandInTokens.connect;
import static com.podium.connect.token.StandInTokens.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;

import com.podium.connect.token.TokenEndpointException.Kind;
import com.podium.connect.token.refresh.BackgroundRefresher;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.SharedStandIn;
import com.podium.trainingpeaks.standin.Failure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn.Rotation;

/**
 * Issue 8, end to end on PostgreSQL and Kafka: unusual answers and faults never revoke a user who could be kept,
 * and never stall the token core.
 */
// Same properties as TokenLifecycleIntegrationTests: one cached context (and connection pool) for both.
@IntegrationTest(properties = { "podium.tokens.backoff-initial=PT0.2S", "podium.tokens.backoff-max=PT0.4S",
        "podium.tokens.call-timeout=PT2S", "podium.tokens.late-answer-limit=PT5S", "podium.tokens.read-wait=PT0.5S" })
class TokenFaultIntegrationTests {

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();

    @Autowired
    Tokens tokens;

    @Autowired
    HealthEndpoint health;

    @Autowired
    BackgroundRefresher backgroundRefresher;

    @Autowired
    JdbcTemplate jdbc;

    String athlete = "athlete-" + UUID.randomUUID();

    @BeforeEach
    void reset() {
        standIn.reset();
        // Any refresh that goes through clears what earlier tests left on the health state.
        String other = athlete + "-warmup";
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        connect(tokens, standIn, other);
        awaitRefreshDue(tokens, other);
        tokens.getToken(other);
        standIn.reset();
    }

    private Status tokenEndpointHealth() {
        return health.healthForPath("tokenEndpoint").getStatus();
    }

    // ---- 1. only invalid_grant revokes ----

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = { "INVALID_REQUEST_400", "UNAUTHORIZED_401", "INVALID_SCOPE_400",
            "UNSUPPORTED_GRANT_TYPE_400", "UNAUTHORIZED_CLIENT_400", "HTML_400" })
    void aClientLevelErrorKeepsTheTokensBacksOffReportsDownAndResumesByItself(Failure answer) {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.failNextTokenCalls(1, answer);

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class, () -> tokens.getToken(athlete));

        assertThat(e.kind()).isEqualTo(Kind.CLIENT_REJECTED);
        TokenStatus kept = tokens.status(athlete).orElseThrow();
        assertThat(kept.failureCount()).isEqualTo(1);
        assertThat(kept.nextAttemptAt()).isNotNull();
        assertThat(tokenEndpointHealth()).isEqualTo(Status.DOWN);
        JsonAssert.failedEvent(events(athlete, 1).get(0), true);

        StandInTokens.await(() -> Instant.now().isAfter(kept.nextAttemptAt()), Duration.ofSeconds(5));
        standIn.accessTokenLifetime(Duration.ofHours(1));
        assertThat(tokens.getToken(athlete).value()).isNotBlank();
        assertThat(tokenEndpointHealth()).isEqualTo(Status.UP);
    }

    @Test
    void manyAthletesRejectedAlikePauseRevocationsUntilARefreshSucceeds() {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        List<String> athletes = IntStream.rangeClosed(1, 6).mapToObj(i -> athlete + "-" + i).toList();
        athletes.forEach(a -> connect(tokens, standIn, a));
        athletes.forEach(a -> awaitExpiry(tokens, a));
        standIn.failRefreshWithInvalidGrant(true);

        List<Kind> kinds = athletes.stream()
            .map(a -> catchThrowableOfType(TokenEndpointException.class, () -> tokens.getToken(a)).kind())
            .toList();

        // The guard (5 athletes within a minute by default, earlier tests' rejections included) revokes at most
        // the first four, then holds everyone.
        assertThat(kinds.subList(4, 6)).containsOnly(Kind.CLIENT_REJECTED);
        assertThat(kinds).isSortedAccordingTo(java.util.Comparator.comparing(Kind::ordinal));
        long revoked = kinds.stream().filter(k -> k == Kind.GRANT_REJECTED).count();
        assertThat(athletes.stream().map(tokens::status).filter(java.util.Optional::isEmpty).count()).isEqualTo(revoked);
        assertThat(tokenEndpointHealth()).isEqualTo(Status.DOWN);

        standIn.failRefreshWithInvalidGrant(false).accessTokenLifetime(Duration.ofHours(1));
        StandInTokens.await(() -> Instant.now().isAfter(tokens.status(athletes.get(5)).orElseThrow().nextAttemptAt()),
                Duration.ofSeconds(5));
        assertThat(tokens.getToken(athletes.get(5)).value()).isNotBlank();
        assertThat(tokenEndpointHealth()).isEqualTo(Status.UP);
    }

    // ---- 2. deadline on the whole call, size cap ----

    @Test
    void aTrickledAnswerHitsTheDeadlineAndAFollowingInvalidGrantSaysTheAnswerWasLost() {
        standIn.accessTokenLifetime(Duration.ofSeconds(1)).refreshTokenRotation(Rotation.STRICT, null);
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.trickleTokenAnswers(Duration.ofMillis(500)); // headers at once, then ~9 s of body

        TokenEndpointException timeout = catchThrowableOfType(TokenEndpointException.class,
                () -> tokens.getToken(athlete));

        assertThat(timeout.errorCode()).isEqualTo("timeout");
        awaitLateAnswerGivenUp(); // the 5 s late-answer limit passes before the body is complete
        assertThat(tokens.status(athlete)).as("kept").isPresent();

        // TrainingPeaks rotated the refresh token in the answer we never finished reading.
        standIn.trickleTokenAnswers(Duration.ZERO);
        awaitNextAttempt();
        TokenEndpointException rejected = catchThrowableOfType(TokenEndpointException.class,
                () -> tokens.getToken(athlete));

        assertThat(rejected.kind()).isEqualTo(Kind.GRANT_REJECTED);
        assertThat(tokens.status(athlete)).isEmpty();
        List<ConsumerRecord<String, String>> events = events(athlete, 3);
        assertThat(body(events.get(2)).get("reason").asText()).isEqualTo("REFRESH_ANSWER_LOST");
        assertThat(body(events.get(2)).get("detail").asText()).contains("We lost TrainingPeaks' answer");
    }

    @Test
    void aLateAnswerWithinTheLimitIsWrittenAndItsRotatedRefreshTokenKept() {
        standIn.accessTokenLifetime(Duration.ofSeconds(1)).refreshTokenRotation(Rotation.STRICT, null);
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        long version = tokens.status(athlete).orElseThrow().version();
        // Headers at once, then ~3 s of body: past the 2 s deadline, within the 5 s late-answer limit.
        standIn.accessTokenLifetime(Duration.ofHours(1)).trickleTokenAnswers(Duration.ofMillis(160));

        TokenEndpointException timeout = catchThrowableOfType(TokenEndpointException.class,
                () -> tokens.getToken(athlete));

        assertThat(timeout.errorCode()).as("the caller stops waiting at the deadline").isEqualTo("timeout");
        StandInTokens.await(() -> tokens.status(athlete).orElseThrow().version() > version, Duration.ofSeconds(10));
        TokenStatus status = tokens.status(athlete).orElseThrow();
        assertThat(status.failureCount()).isZero();
        assertThat(status.expiresAt()).isAfter(Instant.now().plusSeconds(1800));
        assertThat(jdbc.queryForObject("SELECT answer_lost_at IS NULL FROM oauth_tokens WHERE athlete_id = ?",
                Boolean.class, athlete)).as("not marked lost").isTrue();
        // The refresh token rotated in the late answer is the one stored: with strict rotation the next refresh
        // works, where the old one would be rejected and revoke the athlete.
        standIn.trickleTokenAnswers(Duration.ZERO);
        AccessToken token = tokens.getToken(athlete);
        assertThat(tokens.refreshRejected(athlete, token).value()).isNotEqualTo(token.value());
        assertThat(tokens.status(athlete)).isPresent();
        assertThat(events(athlete, 2)).extracting(StandInTokens::type).containsExactly("TokenRefreshed",
                "TokenRefreshed");
    }

    @Test
    void withAGracePeriodTheRetryAfterALostAnswerSucceeds() {
        standIn.accessTokenLifetime(Duration.ofSeconds(1)).refreshTokenRotation(Rotation.GRACE, Duration.ofMinutes(1));
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.trickleTokenAnswers(Duration.ofMillis(500));
        catchThrowableOfType(TokenEndpointException.class, () -> tokens.getToken(athlete));
        awaitLateAnswerGivenUp();

        standIn.trickleTokenAnswers(Duration.ZERO).accessTokenLifetime(Duration.ofHours(1));
        awaitNextAttempt();

        assertThat(tokens.getToken(athlete).value()).isNotBlank();
        assertThat(tokens.status(athlete).orElseThrow().failureCount()).isZero();
    }

    @Test
    void aHugeAnswerIsRefusedAndTheTokensAreKept() {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.padTokenAnswers(256L * 1024 * 1024);

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class, () -> tokens.getToken(athlete));

        assertThat(e).isInstanceOf(TokenResponseTooLargeException.class);
        assertThat(tokens.status(athlete).orElseThrow().failureCount()).isEqualTo(1);
        assertThat(body(events(athlete, 1).get(0)).get("errorCode").asText()).isEqualTo("response_too_large");
    }

    @Test
    void readsWaitABoundedTimeOnSomeoneElsesRefresh() throws Exception {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.delay(Duration.ofMillis(1800));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<AccessToken> refreshing = pool.submit(() -> tokens.getToken(athlete));
        StandInTokens.await(() -> standIn.refreshCalls() == 1, Duration.ofSeconds(5));

        TokenEndpointException waited = catchThrowableOfType(TokenEndpointException.class,
                () -> tokens.getToken(athlete));

        assertThat(waited.errorCode()).isEqualTo("refresh_in_progress");
        assertThat(refreshing.get().value()).isNotBlank();
        assertThat(standIn.refreshCalls()).isEqualTo(1);
        pool.shutdown();
    }

    // ---- 3. outcome unknown: the process died mid-call ----

    @Test
    void anInvalidGrantAfterARefresherDiedMidCallSaysTheAnswerWasLost() throws Exception {
        standIn.accessTokenLifetime(Duration.ofSeconds(1)).refreshTokenRotation(Rotation.STRICT, null);
        TokenGrant grant = connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        // A refresher on another instance claimed the lease, sent the refresh (TrainingPeaks rotated the token) and
        // died before writing the answer: its lease ran out.
        jdbc.update("UPDATE oauth_tokens SET lease_owner = 'dead-instance:1', lease_until = now() - interval '1 second'"
                + " WHERE athlete_id = ?", athlete);
        assertThat(refreshAtTheProvider(grant.refreshToken())).isEqualTo(200);

        TokenEndpointException rejected = catchThrowableOfType(TokenEndpointException.class,
                () -> tokens.getToken(athlete));

        assertThat(rejected.kind()).isEqualTo(Kind.GRANT_REJECTED);
        List<ConsumerRecord<String, String>> events = events(athlete, 2);
        assertThat(body(events.get(1)).get("reason").asText()).isEqualTo("REFRESH_ANSWER_LOST");
    }

    @Test
    void aPlainInvalidGrantIsStillAPlainRejection() {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.failNextTokenCalls(1, Failure.INVALID_GRANT_400);

        catchThrowableOfType(TokenEndpointException.class, () -> tokens.getToken(athlete));

        assertThat(body(events(athlete, 2).get(1)).get("reason").asText()).isEqualTo("REFRESH_REJECTED");
    }

    // ---- 4. RFC 6749 5.1 answers ----

    @Test
    void anAnswerWithoutExpiresInOrScopeGetsTheDefaultLifetimeAndKeepsTheScope() {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.omitTokenFields("expires_in", "scope");
        Instant before = Instant.now();

        AccessToken token = tokens.getToken(athlete);

        TokenStatus status = tokens.status(athlete).orElseThrow();
        assertThat(status.scope()).isEqualTo(StandInTokens.ATHLETE_SCOPE);
        assertThat(token.scope()).isEqualTo(StandInTokens.ATHLETE_SCOPE);
        assertThat(status.expiresAt()).isBetween(before.plusSeconds(590), Instant.now().plusSeconds(600));
    }

    @Test
    void aScopeOfAnyLengthIsStoredOnExchangeAndRefresh() {
        String longScope = StandInTokens.ATHLETE_SCOPE + " " + "x".repeat(3000);
        standIn.accessTokenLifetime(Duration.ofSeconds(1)).answerScope(longScope);
        connect(tokens, standIn, athlete);
        assertThat(tokens.status(athlete).orElseThrow().scope()).isEqualTo(longScope);
        awaitExpiry(tokens, athlete);

        standIn.answerScope(longScope + " y");
        tokens.getToken(athlete);

        assertThat(tokens.status(athlete).orElseThrow().scope()).isEqualTo(longScope + " y");
    }

    @Test
    void aMacTokenIsNeverUsedAsABearerTokenAndRevokesNobody() {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        TokenGrant grant = connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.tokenType("mac");

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class, () -> tokens.getToken(athlete));

        assertThat(e.errorCode()).isEqualTo("unsupported_token_type");
        assertThat(tokens.status(athlete)).isPresent();
        assertThat(tokenEndpointHealth()).isEqualTo(Status.DOWN);
        assertThat(grant).isNotNull();
    }

    // ---- 5. the background refresher works in parallel ----

    @Test
    void aBackgroundPassRefreshesDueTokensInParallel() {
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        List<String> athletes = IntStream.rangeClosed(1, 6).mapToObj(i -> athlete + "-" + i).toList();
        athletes.forEach(a -> connect(tokens, standIn, a));
        athletes.forEach(a -> awaitRefreshDue(tokens, a));
        // Rows earlier tests left behind would compete for the pass (and some would be rejected): not due today.
        jdbc.update("UPDATE oauth_tokens SET refresh_at = now() + interval '1 day' WHERE athlete_id NOT LIKE ?",
                athlete + "-%");
        standIn.accessTokenLifetime(Duration.ofHours(1)).delay(Duration.ofMillis(800)).resetCounters();

        int claimed = backgroundRefresher.refreshDue();

        assertThat(claimed).as("ours, and this test's warm-up athlete").isGreaterThanOrEqualTo(6);
        assertThat(standIn.maxConcurrentTokenCalls()).isGreaterThan(1);
        athletes.forEach(a -> assertThat(tokens.status(a).orElseThrow().expiresAt())
            .isAfter(Instant.now().plusSeconds(600)));
    }

    /** A call past its deadline is listened to until the late-answer limit; then its failure is recorded. */
    private void awaitLateAnswerGivenUp() {
        StandInTokens.await(() -> tokens.status(athlete).orElseThrow().failureCount() > 0, Duration.ofSeconds(15));
    }

    private void awaitNextAttempt() {
        Instant next = tokens.status(athlete).orElseThrow().nextAttemptAt();
        StandInTokens.await(() -> Instant.now().isAfter(next), Duration.ofSeconds(5));
    }

    /** Plays another instance's refresh call: TrainingPeaks answers it, and nobody here ever sees the answer. */
    private static int refreshAtTheProvider(String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)
                + "&client_id=" + TrainingPeaksStandIn.DEFAULT_CLIENT_ID + "&client_secret="
                + TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET;
        return HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(standIn.baseUri() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
    }

    /** Assertions on event bodies. */
    static final class JsonAssert {
        static void failedEvent(ConsumerRecord<String, String> record, boolean retryable) {
            assertThat(StandInTokens.type(record)).isEqualTo("TokenRefreshFailed");
            assertThat(body(record).get("retryable").asBoolean()).isEqualTo(retryable);
            assertThat(body(record).get("detail").asText()).isNotBlank();
        }
    }
}
