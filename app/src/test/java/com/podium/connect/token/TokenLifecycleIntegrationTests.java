package com.podium.connect.token;

import static com.podium.connect.token.StandInTokens.awaitExpiry;
import static com.podium.connect.token.StandInTokens.awaitRefreshDue;
import static com.podium.connect.token.StandInTokens.body;
import static com.podium.connect.token.StandInTokens.connect;
import static com.podium.connect.token.StandInTokens.events;
import static com.podium.connect.token.StandInTokens.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.SharedStandIn;
import com.podium.trainingpeaks.standin.Failure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/** getToken, refresh, failure classification and revocation, end to end: stand-in, PostgreSQL, Kafka. */
// Same properties as TokenFaultIntegrationTests: one cached context (and connection pool) for both.
@IntegrationTest(properties = { "podium.tokens.backoff-initial=PT0.2S", "podium.tokens.backoff-max=PT0.4S",
        "podium.tokens.call-timeout=PT2S", "podium.tokens.late-answer-limit=PT5S", "podium.tokens.read-wait=PT0.5S" })
class TokenLifecycleIntegrationTests {

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();

    @Autowired
    Tokens tokens;

    String athlete = "athlete-" + UUID.randomUUID();

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @Test
    void readsDoNotTouchTheNetworkUntilARefreshIsDue() {
        TokenGrant grant = connect(tokens, standIn, athlete);
        standIn.resetCounters();

        for (int i = 0; i < 100; i++) {
            assertThat(tokens.getToken(athlete).value()).isEqualTo(grant.accessToken());
        }

        assertThat(standIn.tokenCalls()).isZero();
    }

    @Test
    void noStoredTokenSaysToStartTheOAuthFlow() {
        assertThatThrownBy(() -> tokens.getToken(athlete)).isInstanceOf(NoTokenStoredException.class)
            .hasMessageContaining("No OAuth token stored")
            .hasMessageContaining("start the OAuth flow");
    }

    @Test
    void refreshesWhenDueAndPublishesTokenRefreshed() {
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        TokenGrant grant = connect(tokens, standIn, athlete);
        awaitRefreshDue(tokens, athlete);

        AccessToken token = tokens.getToken(athlete);

        assertThat(token.value()).isNotEqualTo(grant.accessToken());
        assertThat(standIn.refreshCalls()).isEqualTo(1);
        assertThat(tokens.status(athlete).orElseThrow().expiresAt()).isAfter(grant.expiresAt());
        ConsumerRecord<String, String> refreshed = events(athlete, 1).get(0);
        assertThat(type(refreshed)).isEqualTo("TokenRefreshed");
        assertThat(body(refreshed).get("recovered").asBoolean()).isFalse();
        assertThat(body(refreshed).get("scope").asText()).isEqualTo(StandInTokens.ATHLETE_SCOPE);
    }

    @Test
    void invalidGrantDeletesTheTokenAndPublishesFailedThenRevoked() {
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        connect(tokens, standIn, athlete);
        awaitRefreshDue(tokens, athlete);
        standIn.failRefreshWithInvalidGrant(true);

        TokenEndpointException failure = catchThrowableOfType(TokenEndpointException.class,
                () -> tokens.getToken(athlete));

        assertThat(failure.errorCode()).isEqualTo("invalid_grant");
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(tokens.status(athlete)).isEmpty();
        assertThatThrownBy(() -> tokens.getToken(athlete)).isInstanceOf(NoTokenStoredException.class);
        List<ConsumerRecord<String, String>> events = events(athlete, 2);
        assertThat(events).extracting(StandInTokens::type).containsExactly("TokenRefreshFailed", "TokenRevoked");
        JsonNode failed = body(events.get(0));
        assertThat(failed.get("errorCode").asText()).isEqualTo("invalid_grant");
        assertThat(failed.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(failed.get("retryable").asBoolean()).isFalse();
        assertThat(body(events.get(1)).get("reason").asText()).isEqualTo("REFRESH_REJECTED");
    }

    @Test
    void htmlErrorPageIsANonJsonErrorThatBacksOffAndThenRecovers() {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.failNextTokenCalls(1, Failure.HTML_502);

        assertThatThrownBy(() -> tokens.getToken(athlete)).isInstanceOf(TokenEndpointException.class)
            .hasMessageStartingWith("Token refresh returned non-JSON body (HTTP 502)");
        TokenStatus failing = tokens.status(athlete).orElseThrow();
        assertThat(failing.failureCount()).isEqualTo(1);
        assertThat(failing.nextAttemptAt()).isNotNull();

        // Within the back-off the provider is not asked again.
        assertThatThrownBy(() -> tokens.getToken(athlete)).isInstanceOf(TokenEndpointException.class);
        assertThat(standIn.refreshCalls()).isEqualTo(1);

        StandInTokens.await(() -> java.time.Instant.now().isAfter(failing.nextAttemptAt()), Duration.ofSeconds(5));
        standIn.accessTokenLifetime(Duration.ofHours(1));
        assertThat(tokens.getToken(athlete).value()).startsWith("gAAAA");
        assertThat(tokens.status(athlete).orElseThrow().failureCount()).isZero();

        List<ConsumerRecord<String, String>> events = events(athlete, 2);
        assertThat(events).extracting(StandInTokens::type).containsExactly("TokenRefreshFailed", "TokenRefreshed");
        JsonNode failed = body(events.get(0));
        assertThat(failed.get("errorCode").asText()).isEqualTo("non_json_body");
        assertThat(failed.get("retryable").asBoolean()).isTrue();
        assertThat(failed.get("attempt").asInt()).isEqualTo(1);
        assertThat(failed.get("nextAttemptAt").isNull()).isFalse();
        assertThat(body(events.get(1)).get("recovered").asBoolean()).isTrue();
    }

    @Test
    void aStillValidTokenIsServedWhileTheProviderIsDown() {
        standIn.accessTokenLifetime(Duration.ofSeconds(4));
        TokenGrant grant = connect(tokens, standIn, athlete);
        awaitRefreshDue(tokens, athlete);
        standIn.outage(true);

        assertThat(tokens.getToken(athlete).value()).isEqualTo(grant.accessToken());
        assertThat(tokens.status(athlete).orElseThrow().failureCount()).isEqualTo(1);
    }

    @Test
    void transientFailuresNeverRevokeHoweverManyInARow() {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.outage(true);

        for (int attempt = 1; attempt <= 3; attempt++) {
            TokenStatus before = tokens.status(athlete).orElseThrow();
            if (before.nextAttemptAt() != null) {
                StandInTokens.await(() -> java.time.Instant.now().isAfter(before.nextAttemptAt()), Duration.ofSeconds(5));
            }
            assertThatThrownBy(() -> tokens.getToken(athlete)).isInstanceOf(TokenEndpointException.class);
        }

        assertThat(tokens.status(athlete)).isPresent().get().extracting(TokenStatus::failureCount).isEqualTo(3);
        List<ConsumerRecord<String, String>> events = events(athlete, 3);
        assertThat(events).extracting(StandInTokens::type)
            .containsExactly("TokenRefreshFailed", "TokenRefreshFailed", "TokenRefreshFailed");

        standIn.outage(false);
        StandInTokens.await(() -> java.time.Instant.now().isAfter(tokens.status(athlete).orElseThrow().nextAttemptAt()),
                Duration.ofSeconds(5));
        assertThat(tokens.getToken(athlete).value()).isNotBlank();
    }

    @Test
    void rotationNeverLosesTheNewestRefreshToken() {
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        connect(tokens, standIn, athlete);

        for (int cycle = 0; cycle < 3; cycle++) {
            awaitRefreshDue(tokens, athlete);
            tokens.getToken(athlete);
        }

        // Each refresh used the newest refresh token: the stand-in rejects rotated-out ones with invalid_grant.
        assertThat(standIn.refreshCalls()).isEqualTo(3);
        assertThat(tokens.status(athlete)).isPresent();
    }

    @Test
    void aRefreshTokenThatIsNotRotatedIsKept() {
        standIn.accessTokenLifetime(Duration.ofSeconds(2)).rotateRefreshTokens(false);
        connect(tokens, standIn, athlete);

        for (int cycle = 0; cycle < 2; cycle++) {
            awaitRefreshDue(tokens, athlete);
            tokens.getToken(athlete);
        }

        assertThat(standIn.refreshCalls()).isEqualTo(2);
        assertThat(tokens.status(athlete)).isPresent();
    }

    @Test
    void aRejectedAccessTokenIsRefreshedOnceEvenIfNotDue() {
        TokenGrant grant = connect(tokens, standIn, athlete);
        AccessToken rejected = tokens.getToken(athlete);

        AccessToken first = tokens.refreshRejected(athlete, rejected);
        AccessToken second = tokens.refreshRejected(athlete, rejected);

        assertThat(first.value()).isNotEqualTo(grant.accessToken());
        assertThat(second.value()).as("already replaced: no second refresh").isEqualTo(first.value());
        assertThat(standIn.refreshCalls()).isEqualTo(1);
    }

    @Test
    void disconnectDeauthorizesDeletesAndPublishesTokenRevoked() {
        connect(tokens, standIn, athlete);

        tokens.disconnect(athlete);

        assertThat(standIn.deauthorizeCalls()).isEqualTo(1);
        assertThat(tokens.status(athlete)).isEmpty();
        ConsumerRecord<String, String> revoked = events(athlete, 1).get(0);
        assertThat(type(revoked)).isEqualTo("TokenRevoked");
        assertThat(body(revoked).get("reason").asText()).isEqualTo("DISCONNECTED");
    }

    @Test
    void disconnectStillForgetsTheTokensWhenTheProviderIsDown() {
        connect(tokens, standIn, athlete);
        standIn.outage(true);

        tokens.disconnect(athlete);

        assertThat(tokens.status(athlete)).isEmpty();
    }

    @Test
    void reauthorizingReplacesTheRowAndBumpsItsVersion() {
        connect(tokens, standIn, athlete);
        long first = tokens.status(athlete).orElseThrow().version();

        TokenGrant second = connect(tokens, standIn, athlete);

        assertThat(tokens.status(athlete).orElseThrow().version()).isGreaterThan(first);
        assertThat(tokens.getToken(athlete).value()).isEqualTo(second.accessToken());
    }
}
