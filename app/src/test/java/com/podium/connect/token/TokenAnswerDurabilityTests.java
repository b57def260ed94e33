package com.podium.connect.token;

import static com.podium.connect.token.StandInTokens.awaitExpiry;
import static com.podium.connect.token.StandInTokens.awaitRefreshDue;
import static com.podium.connect.token.StandInTokens.body;
import static com.podium.connect.token.StandInTokens.connect;
import static com.podium.connect.token.StandInTokens.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import com.podium.connect.AnotherInstance;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.RealInfrastructure;
import com.podium.testsupport.SharedStandIn;
import com.podium.trainingpeaks.standin.Failure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn.Rotation;

/**
 * Issue 8: an answer TrainingPeaks gave us is never dropped — not through a database outage longer than the lease,
 * not through a graceful shutdown with refreshes in flight — and its Retry-After is honoured. With strict
 * refresh-token rotation a dropped answer would revoke the user at the next refresh.
 */
@IntegrationTest(properties = { "spring.datasource.hikari.connection-timeout=2000",
        "podium.tokens.lease-duration=PT3S", "podium.tokens.call-timeout=PT2S",
        "podium.tokens.late-answer-limit=PT2S" })
@DirtiesContext // its own pool settings: closed afterwards rather than cached, to spare database connections
class TokenAnswerDurabilityTests {

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();

    @Autowired
    Tokens tokens;

    String athlete = "athlete-" + UUID.randomUUID();

    @BeforeEach
    void reset() {
        standIn.reset();
        standIn.refreshTokenRotation(Rotation.STRICT, null);
    }

    @Test
    void anAnswerReceivedDuringADatabaseOutageLongerThanTheLeaseIsWritten() throws Exception {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.refreshTokenRotation(Rotation.STRICT, null).accessTokenLifetime(Duration.ofHours(1))
            .delay(Duration.ofMillis(1500));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<AccessToken> read = pool.submit(() -> tokens.getToken(athlete));
        StandInTokens.await(() -> standIn.refreshCalls() == 1, Duration.ofSeconds(10));

        databaseOutage(Duration.ofSeconds(5)); // the answer arrives meanwhile; the lease (3 s) runs out

        AccessToken token = read.get();
        pool.shutdown();
        assertThat(token.value()).isNotBlank();
        TokenStatus status = tokens.status(athlete).orElseThrow();
        assertThat(status.failureCount()).isZero();
        assertThat(status.expiresAt()).isAfter(Instant.now().plusSeconds(1800));
        // The rotated refresh token was stored: the next refresh works, where the old one would be rejected.
        standIn.delay(Duration.ZERO);
        assertThat(tokens.refreshRejected(athlete, token).value()).isNotEqualTo(token.value());
        List<ConsumerRecord<String, String>> events = events(athlete, 2);
        assertThat(events).extracting(StandInTokens::type).containsExactly("TokenRefreshed", "TokenRefreshed");
    }

    @Test
    void retryAfterOnA503IsHonoured() {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        connect(tokens, standIn, athlete);
        awaitExpiry(tokens, athlete);
        standIn.tokenRetryAfter(Duration.ofSeconds(300)).failNextTokenCalls(1, Failure.SERVICE_UNAVAILABLE_503);
        Instant before = Instant.now();

        catchThrowableOfType(TokenEndpointException.class, () -> tokens.getToken(athlete));

        assertThat(tokens.status(athlete).orElseThrow().nextAttemptAt()).isAfterOrEqualTo(before.plusSeconds(300));
        assertThat(body(events(athlete, 1).get(0)).get("errorCode").asText()).isEqualTo("temporarily_unavailable");
    }

    @Test
    void aGracefulShutdownStopsClaimingAndWritesTheRefreshesInFlight() {
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        connect(tokens, standIn, athlete);
        long versionBefore = tokens.status(athlete).orElseThrow().version();
        awaitRefreshDue(tokens, athlete);
        standIn.accessTokenLifetime(Duration.ofHours(1)).delay(Duration.ofMillis(1500)).resetCounters();
        ConfigurableApplicationContext second = instanceWithBackgroundRefresher();
        StandInTokens.await(() -> standIn.refreshCalls() >= 1, Duration.ofSeconds(20));

        second.close(); // what SIGTERM does

        TokenStatus status = tokens.status(athlete).orElseThrow();
        assertThat(status.version()).isGreaterThan(versionBefore);
        assertThat(status.expiresAt()).isAfter(Instant.now().plusSeconds(1800));
        assertThat(status.failureCount()).isZero();
        int callsAtClose = standIn.refreshCalls();
        assertThat(events(athlete, 1)).extracting(StandInTokens::type).containsExactly("TokenRefreshed");
        assertThat(standIn.refreshCalls()).as("no claims after shutdown").isEqualTo(callsAtClose);
    }

    /** A second application instance on the same database and broker, refreshing in the background. */
    private static ConfigurableApplicationContext instanceWithBackgroundRefresher() {
        return AnotherInstance.start(standIn.baseUri(),
                "--podium.tokens.scheduler.enabled=true",
                "--podium.tokens.scheduler.interval=PT0.2S",
                // Its event relay may stop before the last answer is written: this instance's relay then takes
                // the event over when the claim expires.
                "--podium.events.claim-duration=3s");
    }

    /** The test database refuses connections and drops the ones it has, for {@code length}. */
    private static void databaseOutage(Duration length) throws Exception {
        RealInfrastructure.Endpoints infra = RealInfrastructure.endpoints();
        String url = infra.jdbcUrl();
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(admin, infra.username(), infra.password());
                Statement sql = connection.createStatement()) {
            sql.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
            try {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");
                Thread.sleep(length.toMillis());
            }
            finally {
                sql.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true");
            }
        }
    }
}
