package com.podium.connect.auth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.podium.connect.auth.AuthorizationCompleted;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenEndpointException;

/**
 * The flow's rules with an in-memory request store and a fake token module; the same rules run against PostgreSQL
 * and the stand-in in the app's AuthorizationFlowTests.
 */
class AuthorizationCallbackTest {

    static final String BROWSER = Secrets.randomUrlSafe();

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final InMemoryRequests requests = new InMemoryRequests();
    final FakeTokens tokens = new FakeTokens();
    final List<Object> published = new ArrayList<>();
    final List<Boolean> publishedInTransaction = new ArrayList<>();

    static AuthProperties settings(boolean pkce) {
        return new AuthProperties(pkce, Duration.ofMinutes(10), AuthorizationUrlsTest.defaults().scopes());
    }

    AuthorizationStarter starter(boolean pkce) {
        AuthProperties settings = settings(pkce);
        return new AuthorizationStarter(requests, new AuthorizationUrls(AuthorizationUrlsTest.TP, settings), settings,
                clocks());
    }

    AuthorizationCallback callback() {
        return new AuthorizationCallback(requests, tokens, settings(false),
                new TransactionTemplate(new InMemoryTransactionManager()),
                event -> {
                    published.add(event);
                    publishedInTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
                }, clocks());
    }

    @Test
    void validCallbackExchangesOutsideTheTransactionThenStoresAndPublishesTogether() {
        String state = stateOf(starter(false).start("a-42", AccountRole.COACH, BROWSER));

        CallbackOutcome outcome = callback().complete(new CallbackParameters("the-code", state, null, null), BROWSER, "a-42");

        assertThat(outcome).isEqualTo(new CallbackOutcome.Connected("a-42", AccountRole.COACH));
        assertThat(tokens.exchanges).containsExactly(new FakeTokens.Exchange("the-code", null, false));
        assertThat(tokens.stored).containsExactly(new FakeTokens.Stored("a-42", AccountRole.COACH, tokens.grant, true));
        assertThat(published).singleElement().isInstanceOfSatisfying(AuthorizationCompleted.class, event -> {
            assertThat(event.athleteId()).isEqualTo("a-42");
            assertThat(event.role()).isEqualTo("COACH");
            assertThat(event.scope()).isEqualTo(tokens.grant.scope());
            assertThat(event.expiresAt()).isEqualTo(tokens.grant.expiresAt());
        });
        assertThat(publishedInTransaction).containsExactly(true);
    }

    @Test
    void anAnswerWithoutScopeGrantsTheScopeAskedForTheRole() {
        tokens.grant = new TokenGrant("access-value", "refresh-value", Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T11:00:00Z"), null);
        String state = stateOf(starter(false).start("a-42", AccountRole.COACH, BROWSER));

        callback().complete(new CallbackParameters("the-code", state, null, null), BROWSER, "a-42");

        String coachScope = settings(false).scopes().forRole(AccountRole.COACH);
        assertThat(coachScope).contains("coach:athletes");
        assertThat(tokens.stored).singleElement().satisfies(stored -> assertThat(stored.grant().scope()).isEqualTo(coachScope));
        assertThat(published).singleElement().isInstanceOfSatisfying(AuthorizationCompleted.class,
                event -> assertThat(event.scope()).isEqualTo(coachScope));
    }

    @Test
    void pkceVerifierTravelsFromTheStoredRequestToTheExchange() {
        URI url = starter(true).start("a-42", AccountRole.ATHLETE, BROWSER);
        String challenge = AuthorizationUrlsTest.query(url).get("code_challenge");

        callback().complete(new CallbackParameters("code", stateOf(url), null, null), BROWSER, "a-42");

        String verifier = tokens.exchanges.get(0).verifier();
        assertThat(verifier).isNotNull();
        assertThat(Secrets.s256Challenge(verifier)).isEqualTo(challenge);
        assertThat(url.toString()).doesNotContain(verifier);
    }

    @Test
    void stateWorksOnce() {
        String state = stateOf(starter(false).start("a-42", AccountRole.ATHLETE, BROWSER));
        callback().complete(new CallbackParameters("code", state, null, null), BROWSER, "a-42");

        CallbackOutcome second = callback().complete(new CallbackParameters("code", state, null, null), BROWSER, "a-42");

        assertThat(second).isEqualTo(new CallbackOutcome.StateRejected(StateRejection.UNKNOWN_OR_USED));
        assertThat(tokens.exchanges).hasSize(1);
    }

    @Test
    void missingUnknownExpiredAndForeignStatesChangeNothing() {
        AuthorizationStarter starter = starter(false);
        String expired = stateOf(starter.start("a-42", AccountRole.ATHLETE, BROWSER));
        clock.advance(Duration.ofMinutes(10));
        String fresh = stateOf(starter.start("a-43", AccountRole.ATHLETE, BROWSER));

        assertThat(callback().complete(new CallbackParameters("code", null, null, null), BROWSER, "a-42"))
            .isEqualTo(new CallbackOutcome.StateRejected(StateRejection.MISSING));
        assertThat(callback().complete(new CallbackParameters("code", Secrets.randomUrlSafe(), null, null), BROWSER, "a-42"))
            .isEqualTo(new CallbackOutcome.StateRejected(StateRejection.UNKNOWN_OR_USED));
        // purgeExpired runs on start; the in-memory store keeps rows so the expiry check itself is exercised
        assertThat(callback().complete(new CallbackParameters("code", expired, null, null), BROWSER, "a-42"))
            .isEqualTo(new CallbackOutcome.StateRejected(StateRejection.EXPIRED));
        assertThat(callback().complete(new CallbackParameters("code", fresh, null, null), Secrets.randomUrlSafe(), "a-43"))
            .isEqualTo(new CallbackOutcome.StateRejected(StateRejection.FOREIGN_BROWSER));

        assertThat(tokens.exchanges).isEmpty();
        assertThat(tokens.stored).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void callbackWithoutBindingCookieIsForeign() {
        String state = stateOf(starter(false).start("a-42", AccountRole.ATHLETE, BROWSER));

        assertThat(callback().complete(new CallbackParameters("code", state, null, null), null, "a-42"))
            .isEqualTo(new CallbackOutcome.StateRejected(StateRejection.FOREIGN_BROWSER));
        assertThat(tokens.exchanges).isEmpty();
    }

    @Test
    void aStateStartedByAnotherSignedInUserIsRefused() {
        String state = stateOf(starter(false).start("a-42", AccountRole.ATHLETE, BROWSER));

        assertThat(callback().complete(new CallbackParameters("code", state, null, null), BROWSER, "a-43"))
            .isEqualTo(new CallbackOutcome.StateRejected(StateRejection.FOREIGN_USER));
        assertThat(callback().complete(new CallbackParameters("code", state, null, null), BROWSER, "a-42"))
            .as("the state was used up by the refused attempt")
            .isEqualTo(new CallbackOutcome.StateRejected(StateRejection.UNKNOWN_OR_USED));
        assertThat(tokens.exchanges).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void accessDeniedIsReportedWithTheAccountAndChangesNothing() {
        String state = stateOf(starter(false).start("a-42", AccountRole.ATHLETE, BROWSER));

        CallbackOutcome outcome = callback().complete(
                new CallbackParameters(null, state, "access_denied", "The user denied access"), BROWSER, "a-42");

        assertThat(outcome).isInstanceOfSatisfying(CallbackOutcome.ProviderError.class, error -> {
            assertThat(error.accessDenied()).isTrue();
            assertThat(error.athleteId()).isEqualTo("a-42");
        });
        assertThat(tokens.exchanges).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void failedExchangeStoresNothingAndCarriesStatusAndErrorCode() {
        tokens.failExchangeWith = new TokenEndpointException(TokenEndpointException.Operation.EXCHANGE, null, 400,
                "invalid_grant", "The authorization code is invalid", false, null);
        String state = stateOf(starter(false).start("a-42", AccountRole.ATHLETE, BROWSER));

        CallbackOutcome outcome = callback().complete(new CallbackParameters("code", state, null, null), BROWSER, "a-42");

        assertThat(outcome).isEqualTo(new CallbackOutcome.ExchangeFailed("a-42", 400, "invalid_grant"));
        assertThat(tokens.stored).isEmpty();
        assertThat(published).isEmpty();
    }

    String stateOf(URI authorizationUrl) {
        return AuthorizationUrlsTest.query(authorizationUrl).get("state");
    }

    org.springframework.beans.factory.ObjectProvider<Clock> clocks() {
        return new StaticListableBeanFactory(Map.of("clock", clock)).getBeanProvider(Clock.class);
    }

    /** Same contract as the PostgreSQL store: consume removes. Keeps expired rows (no purge) to reach the expiry check. */
    static class InMemoryRequests extends AuthorizationRequests {

        final Map<String, PendingAuthorization> rows = new HashMap<>();

        InMemoryRequests() {
            super(null);
        }

        @Override
        void save(String stateHash, PendingAuthorization pending) {
            rows.put(stateHash, pending);
        }

        @Override
        Optional<PendingAuthorization> consume(String stateHash) {
            return Optional.ofNullable(rows.remove(stateHash));
        }

        @Override
        int purgeExpired(Instant now) {
            return 0;
        }
    }

    static class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Just enough of a transaction manager to make "inside a transaction" observable. */
    static class InMemoryTransactionManager extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
