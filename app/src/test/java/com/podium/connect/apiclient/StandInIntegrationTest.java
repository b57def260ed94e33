package com.podium.connect.apiclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.podium.testsupport.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.podium.connect.auth.AuthorizationCompleted;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenRevoked;
import com.podium.connect.token.Tokens;
import com.podium.testsupport.IntegrationTest;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * The whole application against the TrainingPeaks stand-in, a real PostgreSQL and a real Kafka. One stand-in and
 * one Spring context for every subclass (same configuration, so Spring's context cache shares it); tests use fresh
 * athlete ids so they do not see each other's state.
 */
@IntegrationTest(properties = "podium.api.initial-backoff=50ms")
@AutoConfigureMockMvc
public abstract class StandInIntegrationTest {

    protected static final TrainingPeaksStandIn STAND_IN = TrainingPeaksStandIn.start(0); // daemon threads

    private static final String REDIRECT_URI = "http://localhost:8501/";
    private static final String SCOPES = "athlete:profile workouts:read metrics:read";
    private static final String COACH_SCOPES = "coach:athletes workouts:read metrics:read";

    @DynamicPropertySource
    static void pointAtTheStandIn(DynamicPropertyRegistry registry) {
        registry.add("trainingpeaks.auth-base", () -> STAND_IN.baseUri().toString());
        registry.add("trainingpeaks.api-base", () -> STAND_IN.baseUri().toString());
        registry.add("trainingpeaks.redirect-uri", () -> REDIRECT_URI);
    }

    @Autowired
    protected Tokens tokens;

    @Autowired
    protected ApplicationEventPublisher events;

    @Autowired
    protected TransactionTemplate transactions;

    @Autowired
    TokenEventListener tokenEvents;

    @Autowired
    RevocationState revocationState;

    @Autowired
    TrainingPeaksApi trainingPeaksApi;

    protected static String newAthleteId() {
        return "athlete-" + UUID.randomUUID();
    }

    /**
     * Connects the athlete as the auth module does: authorize at the stand-in (auto-approved), exchange the code, store
     * the grant and publish {@code AuthorizationCompleted} in one transaction.
     */
    protected String connect(String athleteId) throws InterruptedException {
        return connect(athleteId, AccountRole.ATHLETE);
    }

    /** Connects a coach the same way. */
    protected String connectAsCoach(String coachId) throws InterruptedException {
        return connect(coachId, AccountRole.COACH);
    }

    private String connect(String athleteId, AccountRole role) throws InterruptedException {
        String code = STAND_IN.authorizeAsBrowser(REDIRECT_URI, role == AccountRole.COACH ? COACH_SCOPES : SCOPES);
        TokenGrant grant = tokens.exchangeAuthorizationCode(code, null);
        AuthorizationCompleted completed = AuthorizationCompleted.of(athleteId, Instant.now(), role.name(), grant.scope(),
                grant.expiresAt());
        transactions.executeWithoutResult(tx -> {
            tokens.store(athleteId, role, grant);
            events.publishEvent(completed);
        });
        // The client forgets cached answers when the event arrives: wait for it, or it races the test's first call.
        await("AuthorizationCompleted to arrive from Kafka", () -> tokenEvents.applied(completed.eventId()));
        return athleteId;
    }

    /** Publishes a revocation the way the token module does: inside a transaction, through the outbox to Kafka. */
    protected void publishRevocation(String athleteId, TokenRevoked.Reason reason) {
        transactions.executeWithoutResult(tx -> events.publishEvent(TokenRevoked.of(athleteId, Instant.now(), reason,
                "revoked by test")));
    }

    protected void publishAuthorizationCompleted(String athleteId) {
        transactions.executeWithoutResult(tx -> events.publishEvent(AuthorizationCompleted.of(athleteId, Instant.now(),
                "ATHLETE", SCOPES, Instant.now().plusSeconds(3600))));
    }

    /** What a restarted instance's API client knows of earlier revocations: nothing (its state is in memory). */
    protected void forgetRevocationsAsAfterARestart(String athleteId) {
        revocationState.lift(athleteId);
    }

    /** As when the API client's answer cache has expired: the next call of the account goes to TrainingPeaks. */
    protected void forgetCachedAnswers(String accountId) {
        trainingPeaksApi.forget(accountId);
    }

    protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Poll.until(what, Duration.ofSeconds(15), condition);
    }
}
