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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenProperties;
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
        TokenProperties settings = new TokenProperties(Duration.ofMinutes(1), Duration.ofSeconds(30),
                Duration.ofSeconds(2), readTimeout, 4, Duration.ofSeconds(30), Duration.ofMinutes(5),
                new TokenProperties.Scheduler(false, Duration.ofSeconds(10), 50),
                new TokenProperties.Encryption(null, null));
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
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void unreachableProviderIsAConnectionFailure() {
        standIn.outage(false);
        TrainingPeaksProperties nowhere = new TrainingPeaksProperties("id", "secret", URI.create("http://127.0.0.1:9"),
                URI.create("http://127.0.0.1:9"), URI.create(REDIRECT), ClientAuthentication.CLIENT_SECRET_BASIC);
        TokenEndpointClient offline = new TokenEndpointClient(nowhere,
                new TokenProperties(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), 4, Duration.ofSeconds(30), Duration.ofMinutes(5),
                        new TokenProperties.Scheduler(false, Duration.ofSeconds(10), 50),
                        new TokenProperties.Encryption(null, null)),
                new ObjectMapper(), Clock.systemUTC());

        assertThatThrownBy(() -> offline.refresh("a-1", "tprt_x"))
            .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                assertThat(e.errorCode()).isIn("connection_failed", "connect_timeout");
                assertThat(e.retryable()).isTrue();
            });
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
