package com.podium.connect.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podium.connect.auth.AuthorizationCompleted;
import com.podium.connect.token.TokenEvents;
import com.podium.connect.token.TokenRefreshed;
import com.podium.connect.token.TokenRevoked;
import com.podium.connect.token.TrainingPeaksProperties;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/** Token events as they come off Kafka (JSON string + type header) stop and resume the athlete's work. */
class TokenEventListenerTest {

    static final String ATHLETE = "athlete-7";

    TrainingPeaksStandIn standIn;
    StandInTokens tokens;
    RevocationState revocations = new RevocationState();
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    TrainingPeaksApi api;
    TokenEventListener listener;

    @BeforeEach
    void start() {
        standIn = TrainingPeaksStandIn.start(0);
        tokens = new StandInTokens(standIn).connect(ATHLETE);
        URI base = standIn.baseUri();
        api = new TrainingPeaksApi(tokens, revocations, new TrainingPeaksProperties("id", "secret", base, base,
                URI.create("http://localhost:8501/"), TrainingPeaksProperties.ClientAuthentication.CLIENT_SECRET_BASIC),
                ApiClientProperties.defaults(), json, d -> { }, Clock.systemUTC());
        listener = new TokenEventListener(revocations, api, json);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    ConsumerRecord<String, String> record(Object event) throws Exception {
        return record(event, TokenEvents.UNSEQUENCED);
    }

    /** As the outbox sends it: the record's JSON with the athlete's sequence number set. */
    ConsumerRecord<String, String> record(Object event, long sequence) throws Exception {
        ObjectNode value = json.valueToTree(event);
        value.put(TokenEvents.SEQUENCE, sequence);
        ConsumerRecord<String, String> record = new ConsumerRecord<>(TokenEvents.TOPIC, 0, 0, ATHLETE,
                value.toString());
        record.headers().add(TokenEvents.TYPE_HEADER, event.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Test
    void revocationBlocksCallsAndDropsTheCache() throws Exception {
        api.profile(ATHLETE);
        int getTokenCalls = tokens.getTokenCalls.get();
        int apiCalls = standIn.apiCalls();

        listener.onTokenEvent(record(TokenRevoked.of(ATHLETE, Instant.now(), TokenRevoked.Reason.REFRESH_REJECTED,
                "invalid_grant")));

        assertThat(revocations.isRevoked(ATHLETE)).isTrue();
        assertThat(revocations.revocation(ATHLETE)).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo("REFRESH_REJECTED");
            assertThat(r.detail()).isEqualTo("invalid_grant");
        });
        assertThat(api.hasCachedAnswers(ATHLETE)).isFalse();
        ReauthorizationRequiredException e = catchThrowableOfType(() -> api.profile(ATHLETE),
                ReauthorizationRequiredException.class);
        assertThat(e.reason()).isEqualTo("revoked: REFRESH_REJECTED");
        catchThrowableOfType(() -> api.workout(ATHLETE, 1), ReauthorizationRequiredException.class);
        assertThat(tokens.getTokenCalls).hasValue(getTokenCalls);
        assertThat(standIn.apiCalls()).isEqualTo(apiCalls);
    }

    @Test
    void authorizationCompletedLiftsTheBlock() throws Exception {
        Instant now = Instant.now();
        listener.onTokenEvent(record(TokenRevoked.of(ATHLETE, now, TokenRevoked.Reason.DISCONNECTED, "user")));
        listener.onTokenEvent(record(AuthorizationCompleted.of(ATHLETE, now.plusSeconds(1), "ATHLETE",
                StandInTokens.ATHLETE_SCOPES, now.plusSeconds(3600))));

        assertThat(revocations.isRevoked(ATHLETE)).isFalse();
        assertThat(api.profile(ATHLETE).id()).isEqualTo(1001);
    }

    @Test
    void aRedeliveredOrStaleRevocationDoesNotUndoANewerAuthorization() throws Exception {
        Instant now = Instant.now();
        TokenRevoked revoked = TokenRevoked.of(ATHLETE, now, TokenRevoked.Reason.DISCONNECTED, "user");
        listener.onTokenEvent(record(revoked, 1));
        listener.onTokenEvent(record(AuthorizationCompleted.of(ATHLETE, now.plusSeconds(1), "ATHLETE", "s", now), 2));

        listener.onTokenEvent(record(revoked, 1)); // at-least-once: the same event again
        // A stale copy under another id, stamped later by a clock running ahead: the sequence decides, not the clock.
        listener.onTokenEvent(record(TokenRevoked.of(ATHLETE, now.plusSeconds(60), TokenRevoked.Reason.DISCONNECTED,
                "stale"), 2));

        assertThat(revocations.isRevoked(ATHLETE)).isFalse();
    }

    @Test
    void aNewerEventAppliesEvenWhenItsClockIsBehind() throws Exception {
        Instant now = Instant.now();
        listener.onTokenEvent(record(AuthorizationCompleted.of(ATHLETE, now, "ATHLETE", "s", now), 4));
        // Committed later on another instance whose clock is 5 s behind.
        listener.onTokenEvent(record(TokenRevoked.of(ATHLETE, now.minusSeconds(5), TokenRevoked.Reason.DISCONNECTED,
                "user"), 5));

        assertThat(revocations.isRevoked(ATHLETE)).isTrue();
    }

    @Test
    void otherAndUnreadableEventsChangeNothing() throws Exception {
        listener.onTokenEvent(record(TokenRefreshed.of(ATHLETE, Instant.now(), "s", Instant.now(), false, 2)));
        ConsumerRecord<String, String> garbage = new ConsumerRecord<>(TokenEvents.TOPIC, 0, 1, ATHLETE, "{not json");
        garbage.headers().add(TokenEvents.TYPE_HEADER, "TokenRevoked".getBytes(StandardCharsets.UTF_8));
        listener.onTokenEvent(garbage);

        assertThat(revocations.isRevoked(ATHLETE)).isFalse();
    }

    @Test
    void revocationOfOneAthleteLeavesOthersAlone() throws Exception {
        tokens.connect("other");
        listener.onTokenEvent(record(TokenRevoked.of(ATHLETE, Instant.now(), TokenRevoked.Reason.DISCONNECTED, "u")));

        assertThat(api.profile("other").id()).isPositive();
    }
}
