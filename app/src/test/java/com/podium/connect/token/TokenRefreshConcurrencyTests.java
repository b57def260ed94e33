package com.podium.connect.token;

import static com.podium.connect.token.StandInTokens.awaitRefreshDue;
import static com.podium.connect.token.StandInTokens.connect;
import static com.podium.connect.token.StandInTokens.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import com.podium.connect.token.refresh.BackgroundRefresher;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.SharedStandIn;
import com.podium.trainingpeaks.standin.Failure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/** Single-flight refresh within one JVM and across instances, and fencing of late writers. */
@IntegrationTest
class TokenRefreshConcurrencyTests {

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();

    @Autowired
    Tokens tokens;

    @Autowired
    BackgroundRefresher backgroundRefresher;

    String athlete = "athlete-" + UUID.randomUUID();

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @Test
    void fiftyConcurrentReadsOfAnExpiringTokenMakeOneRefreshCall() throws Exception {
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        TokenGrant grant = connect(tokens, standIn, athlete);
        awaitRefreshDue(tokens, athlete);
        standIn.delay(Duration.ofMillis(300));

        Set<String> seen = readConcurrently(50, i -> tokens);

        assertThat(standIn.refreshCalls()).isEqualTo(1);
        assertThat(seen).hasSize(1).doesNotContain(grant.accessToken());
    }

    @Test
    void twoInstancesSharingTheDatabaseMakeOneRefreshCall() throws Exception {
        // Long enough that the old token is still valid when the test checks it after the storm.
        try (ConfigurableApplicationContext second = StandInTokens.secondInstance(standIn)) {
            // Connected after the (slow) second start, so the token's 10 s are all left for the test.
            standIn.accessTokenLifetime(Duration.ofSeconds(10));
            connect(tokens, standIn, athlete);
            Tokens other = second.getBean(Tokens.class);
            awaitRefreshDue(tokens, athlete);
            standIn.delay(Duration.ofMillis(300));

            Set<String> seen = readConcurrently(50, i -> i % 2 == 0 ? tokens : other);

            assertThat(standIn.refreshCalls()).isEqualTo(1);
            // Callers on the instance without the lease may get the old token while it is still valid: every
            // token handed out must work at TrainingPeaks.
            assertThat(seen).hasSizeBetween(1, 2).allSatisfy(token -> assertThat(apiAccepts(token)).isTrue());
            assertThat(other.getToken(athlete).value()).isEqualTo(tokens.getToken(athlete).value());
        }
    }

    @Test
    void aSlowRefresherCannotOverwriteANewerGrant() throws Exception {
        TokenGrant reauthorized = reauthorizeDuringASlowRefresh(null);

        assertThat(slowResult.value()).as("the fenced refresher hands out the newer grant").isEqualTo(reauthorized.accessToken());
        assertThat(tokens.getToken(athlete).value()).isEqualTo(reauthorized.accessToken());
        assertThat(eventsUpToDisconnect()).as("the fenced refresh published nothing").containsExactly("TokenRevoked:DISCONNECTED");
    }

    @Test
    void aRejectedOutdatedRefreshTokenNeverRevokesANewerGrant() throws Exception {
        TokenGrant reauthorized = reauthorizeDuringASlowRefresh(Failure.INVALID_GRANT_400);

        assertThat(slowResult.value()).isEqualTo(reauthorized.accessToken());
        assertThat(tokens.status(athlete)).isPresent();
        assertThat(eventsUpToDisconnect()).as("no revocation for a rejected outdated refresh token")
            .containsExactly("TokenRevoked:DISCONNECTED");
    }

    AccessToken slowResult;

    /**
     * A read starts a refresh that TrainingPeaks answers slowly (with {@code answer}, or tokens); while it is in
     * flight the user re-authorizes. Returns the re-authorization's grant; {@link #slowResult} is what the read got.
     */
    private TokenGrant reauthorizeDuringASlowRefresh(Failure answer) throws Exception {
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        connect(tokens, standIn, athlete);
        standIn.accessTokenLifetime(Duration.ofHours(1));
        TokenGrant reauthorized = tokens
            .exchangeAuthorizationCode(standIn.authorizeAsBrowser(StandInTokens.REDIRECT_URI, StandInTokens.ATHLETE_SCOPE), null);
        awaitRefreshDue(tokens, athlete);
        standIn.delay(Duration.ofMillis(1500));
        if (answer != null) {
            standIn.failNextTokenCalls(1, answer);
        }

        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<AccessToken> slow = pool.submit(() -> tokens.getToken(athlete));
        StandInTokens.await(() -> standIn.refreshCalls() == 1, Duration.ofSeconds(5));
        tokens.store(athlete, AccountRole.ATHLETE, reauthorized);
        slowResult = slow.get();
        pool.shutdown();
        return reauthorized;
    }

    @Test
    void backgroundSweepsRefreshDueTokensOnceEvenWhenRunConcurrently() throws Exception {
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        List<String> athletes = List.of(athlete + "-1", athlete + "-2", athlete + "-3");
        athletes.forEach(a -> connect(tokens, standIn, a));
        athletes.forEach(a -> awaitRefreshDue(tokens, a));
        standIn.accessTokenLifetime(Duration.ofHours(1)).delay(Duration.ofMillis(200));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Integer> first = pool.submit(backgroundRefresher::refreshDue);
        Future<Integer> second = pool.submit(backgroundRefresher::refreshDue);
        int claimed = first.get() + second.get();
        pool.shutdown();

        // Other tests' leftovers may be due too; ours must each have been refreshed exactly once.
        assertThat(claimed).isGreaterThanOrEqualTo(3);
        for (String a : athletes) {
            assertThat(tokens.status(a).orElseThrow().refreshAt()).isAfter(java.time.Instant.now().plusSeconds(600));
        }
        assertThat(standIn.refreshCalls()).isEqualTo(claimed);
    }

    /**
     * Disconnects, then reads the athlete's events up to that revocation: events are sent in commit order, so
     * anything published before the disconnect is in this list.
     */
    private List<String> eventsUpToDisconnect() {
        standIn.delay(Duration.ZERO);
        tokens.disconnect(athlete);
        return events(athlete, 1).stream()
            .map(r -> StandInTokens.type(r) + (r.value().contains("DISCONNECTED") ? ":DISCONNECTED" : ""))
            .toList();
    }

    private static boolean apiAccepts(String accessToken) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(standIn.baseUri() + "/v1/athlete/profile"))
                    .header("Authorization", "Bearer " + accessToken).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    private interface TokensFor {
        Tokens instance(int caller);
    }

    private Set<String> readConcurrently(int callers, TokensFor tokensFor) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AccessToken>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Tokens instance = tokensFor.instance(i);
            results.add(pool.submit(() -> {
                start.await();
                return instance.getToken(athlete);
            }));
        }
        start.countDown();
        Set<String> seen = new java.util.HashSet<>();
        for (Future<AccessToken> result : results) {
            seen.add(result.get().value());
        }
        pool.shutdown();
        return seen.stream().collect(Collectors.toSet());
    }
}
