package com.podium.connect.token.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TestSettings;
import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenEndpointException.Kind;
import com.podium.connect.token.TokenResponseTooLargeException;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenProperties;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn.ClientAuthFailure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn.Rotation;
import com.podium.connect.token.TrainingPeaksProperties;
import com.podium.connect.token.TrainingPeaksProperties.ClientAuthentication;
import com.podium.trainingpeaks.standin.Failure;
import com.podium.trainingpeaks.standin.TokenRequest;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/** The token endpoint client against the stand-in, over real HTTP on loopback. */
class TokenEndpointClientTest {

    static final String REDIRECT = "http://localhost:8501/";
    static final String SCOPE = "athlete:profile workouts:read";
    static TrainingPeaksStandIn standIn;

    final Instant now = Instant.parse("2026-11-25T10:00:00Z");
    TokenEndpointClient client;

    @BeforeAll
    static void start() {
        standIn = TrainingPeaksStandIn.start(0);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @BeforeEach
    void reset() {
        standIn.reset();
        client = client(ClientAuthentication.CLIENT_SECRET_POST, TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET,
                Duration.ofSeconds(2));
    }

    TokenEndpointClient client(ClientAuthentication auth, String secret, Duration readTimeout) {
        TrainingPeaksProperties registration = new TrainingPeaksProperties(TrainingPeaksStandIn.DEFAULT_CLIENT_ID,
                secret, standIn.baseUri(), standIn.baseUri(), URI.create(REDIRECT), auth);
        TokenProperties settings = TestSettings.withCall(Duration.ofSeconds(2), readTimeout);
        return new TokenEndpointClient(registration, settings, new ObjectMapper(), Clock.fixed(now, ZoneOffset.UTC));
    }

    TokenGrant connect() {
        return client.exchange(standIn.authorizeAsBrowser(REDIRECT, SCOPE), null);
    }

    @Test
    void exchangesACodeForTokensWithExpiryFromExpiresIn() {
        standIn.accessTokenLifetime(Duration.ofSeconds(300));

        TokenGrant grant = connect();

        assertThat(grant.accessToken()).startsWith("gAAAA").contains("!");
        assertThat(grant.refreshToken()).contains("!IAAA");
        assertThat(grant.issuedAt()).isEqualTo(now);
        assertThat(grant.expiresAt()).isEqualTo(now.plusSeconds(300));
        assertThat(grant.scope()).isEqualTo(SCOPE);
        assertThat(grant.toString()).doesNotContain(grant.accessToken()).doesNotContain(grant.refreshToken());
    }

    @Test
    void authenticatesInTheFormBodyByDefaultOrWithHttpBasicAsConfigured() {
        client.refresh("a-1", connect().refreshToken());
        TokenRequest post = standIn.lastTokenRequest().orElseThrow();
        assertThat(post.clientAuth()).isEqualTo(TokenRequest.ClientAuth.FORM);
        assertThat(post.grantType()).isEqualTo("refresh_token");
        assertThat(post.authorizationHeaderPresent()).isFalse();
        assertThat(post.accept()).isEqualTo("application/json");

        // Basic is kept as an option; TrainingPeaks (and the stand-in by default) only reads the body.
        standIn.acceptBasicClientAuthentication(true);
        client = client(ClientAuthentication.CLIENT_SECRET_BASIC, TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET,
                Duration.ofSeconds(2));
        connect();
        TokenRequest basic = standIn.lastTokenRequest().orElseThrow();
        assertThat(basic.clientAuth()).isEqualTo(TokenRequest.ClientAuth.BASIC);
        assertThat(basic.form()).doesNotContainKey("client_secret");
    }

    @Test
    void httpBasicAloneIsRefusedByTrainingPeaksAsDocumentedAndNotBlamedOnTheUser() {
        client = client(ClientAuthentication.CLIENT_SECRET_BASIC, TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET,
                Duration.ofSeconds(2));
        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class, this::connect);
        assertThat(e.retryable()).as("a client misconfiguration must not revoke users' tokens").isTrue();
    }

    @Test
    void refreshReturnsTheRotatedRefreshToken() {
        TokenGrant first = connect();

        TokenGrant refreshed = client.refresh("a-1", first.refreshToken());

        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(refreshed.refreshToken()).isNotEqualTo(first.refreshToken()).contains("!IAAA");
    }

    @Test
    void refreshKeepsTheOldRefreshTokenWhenNoneIsReturned() {
        standIn.rotateRefreshTokens(false);
        TokenGrant first = connect();

        TokenGrant refreshed = client.refresh("a-1", first.refreshToken());

        assertThat(refreshed.refreshToken()).isEqualTo(first.refreshToken());
    }

    @Test
    void invalidGrantIsTerminalAndCarriesStatusAndCode() {
        TokenGrant first = connect();
        standIn.failRefreshWithInvalidGrant(true);

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", first.refreshToken()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.kind()).isEqualTo(Kind.GRANT_REJECTED);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("invalid_grant");
        assertThat(e.athleteId()).isEqualTo("a-1");
        assertThat(e.getMessage()).startsWith("Token refresh failed (HTTP 400): invalid_grant")
            .doesNotContain(first.refreshToken());
    }

    @Test
    void htmlErrorPageIsANonJsonBodyErrorWithASanitisedSnippet() {
        TokenGrant first = connect();
        standIn.failNextTokenCalls(1, Failure.HTML_502);

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", first.refreshToken()));

        assertThat(e.getMessage()).startsWith("Token refresh returned non-JSON body (HTTP 502)");
        assertThat(e.detail()).contains("502 Bad Gateway").doesNotContain("<").hasSizeLessThanOrEqualTo(160);
        assertThat(e.retryable()).isTrue();
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.errorCode()).isEqualTo("non_json_body");
    }

    @Test
    void serverErrorsAndRateLimitsAreRetryable() {
        TokenGrant first = connect();
        standIn.failNextTokenCalls(1, Failure.SERVICE_UNAVAILABLE_503);
        TokenEndpointException unavailable = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", first.refreshToken()));
        standIn.failNextTokenCalls(1, Failure.TOO_MANY_REQUESTS_429);
        TokenEndpointException limited = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", first.refreshToken()));

        assertThat(unavailable.httpStatus()).isEqualTo(503);
        assertThat(unavailable.errorCode()).isEqualTo("temporarily_unavailable");
        assertThat(unavailable.retryable()).isTrue();
        assertThat(limited.httpStatus()).isEqualTo(429);
        assertThat(limited.retryable()).isTrue();
    }

    @Test
    void wrongClientSecretIsNotBlamedOnTheUsersGrant() {
        TokenGrant first = connect();
        client = client(ClientAuthentication.CLIENT_SECRET_POST, "wrong-secret", Duration.ofSeconds(2));

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", first.refreshToken()));

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.errorCode()).isEqualTo("invalid_client");
        assertThat(e.retryable()).as("a misconfigured secret must not revoke users' tokens").isTrue();
        assertThat(e.kind()).isEqualTo(Kind.CLIENT_REJECTED);
        assertThat(e.getMessage()).doesNotContain("wrong-secret");
    }

    @Test
    void slowProviderTimesOutAsATransientFailure() {
        TokenGrant first = connect();
        client = client(ClientAuthentication.CLIENT_SECRET_POST, TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET,
                Duration.ofMillis(300));
        standIn.delay(Duration.ofSeconds(2));

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", first.refreshToken()));

        assertThat(e.errorCode()).isEqualTo("timeout");
        assertThat(e.httpStatus()).isNull();
        assertThat(e.kind()).as("TrainingPeaks may have rotated the token").isEqualTo(Kind.OUTCOME_UNKNOWN);
    }

    @Test
    void unreachableProviderIsAConnectionFailure() {
        standIn.outage(false);
        TrainingPeaksProperties nowhere = new TrainingPeaksProperties("id", "secret", URI.create("http://127.0.0.1:9"),
                URI.create("http://127.0.0.1:9"), URI.create(REDIRECT), ClientAuthentication.CLIENT_SECRET_BASIC);
        TokenEndpointClient offline = new TokenEndpointClient(nowhere,
                TestSettings.withCall(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                new ObjectMapper(), Clock.systemUTC());

        assertThatThrownBy(() -> offline.refresh("a-1", "tprt_x"))
            .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                assertThat(e.errorCode()).isEqualTo("connection_failed");
                assertThat(e.kind()).as("nothing was sent").isEqualTo(Kind.UNAVAILABLE);
            });
    }

    // ---- issue 8: only invalid_grant blames the grant ----

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = { "INVALID_REQUEST_400", "UNAUTHORIZED_CLIENT_400", "INVALID_SCOPE_400",
            "UNSUPPORTED_GRANT_TYPE_400", "HTML_400", "UNAUTHORIZED_401" })
    void everyOtherClientLevelErrorIsOurProblemNotTheGrants(Failure answer) {
        TokenGrant first = connect();
        standIn.failNextTokenCalls(1, answer);

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", first.refreshToken()));

        assertThat(e.kind()).isEqualTo(Kind.CLIENT_REJECTED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.detail()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(ClientAuthFailure.class)
    void aWrongSecretIsOurProblemHoweverTheProviderSaysIt(ClientAuthFailure style) {
        TokenGrant first = connect();
        standIn.clientAuthFailure(style);
        client = client(ClientAuthentication.CLIENT_SECRET_POST, "wrong-secret", Duration.ofSeconds(2));

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", first.refreshToken()));

        assertThat(e.kind()).isEqualTo(Kind.CLIENT_REJECTED);
        assertThat(e.getMessage()).doesNotContain("wrong-secret");
    }

    // ---- issue 8: deadline and size cap ----

    @Test
    void aTrickledBodyHitsTheDeadlineOfTheWholeCall() {
        TokenGrant first = connect();
        client = client(ClientAuthentication.CLIENT_SECRET_POST, TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET,
                Duration.ofMillis(500));
        standIn.trickleTokenAnswers(Duration.ofMillis(200)); // headers at once, ~20 chunks of body: ~4 s

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", first.refreshToken()));

        assertThat(e.errorCode()).isEqualTo("timeout");
        assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
        assertThat(e.detail()).contains("no complete answer");
    }

    @Test
    void anAnswerOverTheSizeCapIsRefusedWithATypedError() {
        TokenGrant first = connect();
        standIn.padTokenAnswers(8L * 1024 * 1024);

        TokenResponseTooLargeException e = catchThrowableOfType(TokenResponseTooLargeException.class,
                () -> client.refresh("a-1", first.refreshToken()));

        assertThat(e.errorCode()).isEqualTo("response_too_large");
        assertThat(e.limitBytes()).isEqualTo(64 * 1024);
        assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
    }

    @Test
    void aLargeValidAnswerUnderTheCapParses() {
        TokenGrant first = connect();
        standIn.padTokenAnswers(60 * 1024);

        TokenGrant refreshed = client.refresh("a-1", first.refreshToken());

        assertThat(refreshed.accessToken()).isNotBlank();
    }

    // ---- issue 8: RFC 6749 5.1 answers ----

    @Test
    void aMissingExpiresInMeansTheDocumentedDefaultLifetime() {
        standIn.omitTokenFields("expires_in");

        TokenGrant grant = connect();

        assertThat(grant.expiresAt()).isEqualTo(now.plusSeconds(600));
    }

    @Test
    void aMissingScopeMeansAsRequested() {
        TokenGrant first = connect();
        standIn.omitTokenFields("scope");

        assertThat(client.refresh("a-1", first.refreshToken(), SCOPE).scope()).isEqualTo(SCOPE);
        assertThat(client.exchange(standIn.authorizeAsBrowser(REDIRECT, SCOPE), null, SCOPE).scope()).isEqualTo(SCOPE);
    }

    @Test
    void aScopeOfAnyLengthIsKept() {
        String longScope = "workouts:read " + "x".repeat(5000);
        standIn.answerScope(longScope);

        assertThat(connect().scope()).isEqualTo(longScope);
    }

    @Test
    void tokenTypeMustBeBearerInAnyCase() {
        standIn.tokenType("Bearer");
        assertThat(connect().accessToken()).isNotBlank();

        standIn.tokenType("mac");
        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class, this::connect);

        assertThat(e.errorCode()).isEqualTo("unsupported_token_type");
        assertThat(e.kind()).isEqualTo(Kind.CLIENT_REJECTED);
    }

    @Test
    void retryAfterOfA503IsKept() {
        TokenGrant first = connect();
        standIn.tokenRetryAfter(Duration.ofSeconds(120)).failNextTokenCalls(1, Failure.SERVICE_UNAVAILABLE_503);

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", first.refreshToken()));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void formBodiesDeclareUtf8AndCarryANonAsciiSecret() {
        standIn.registerClient(TrainingPeaksStandIn.DEFAULT_CLIENT_ID, "s\u00e9cr\u00eat-\u00fc");
        try {
            client = client(ClientAuthentication.CLIENT_SECRET_POST, "s\u00e9cr\u00eat-\u00fc", Duration.ofSeconds(2));
            connect();
            assertThat(standIn.lastTokenRequest().orElseThrow().contentType())
                .isEqualToIgnoringCase("application/x-www-form-urlencoded; charset=UTF-8");
        }
        finally {
            standIn.registerClient(TrainingPeaksStandIn.DEFAULT_CLIENT_ID, TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET);
        }
    }

    @Test
    void aGracePeriodLetsTheRotatedOutRefreshTokenWorkOnceMore() {
        standIn.refreshTokenRotation(Rotation.GRACE, Duration.ofSeconds(30));
        TokenGrant first = connect();
        client.refresh("a-1", first.refreshToken());

        assertThat(client.refresh("a-1", first.refreshToken()).accessToken()).isNotBlank();

        standIn.refreshTokenRotation(Rotation.STRICT, null);
        TokenGrant second = connect();
        client.refresh("a-1", second.refreshToken());
        assertThat(catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", second.refreshToken())).kind()).isEqualTo(Kind.GRANT_REJECTED);
    }

    @Test
    void deauthorizeRevokesAtTheProvider() {
        TokenGrant grant = connect();

        client.deauthorize("a-1", grant.accessToken());

        assertThat(standIn.deauthorizeCalls()).isEqualTo(1);
        assertThatThrownBy(() -> client.refresh("a-1", grant.refreshToken()))
            .isInstanceOfSatisfying(TokenEndpointException.class, e -> assertThat(e.errorCode()).isEqualTo("invalid_grant"));
    }
}
