package com.podium.connect.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.podium.connect.AnotherInstance;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenEvents;
import com.podium.connect.token.Tokens;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.KafkaTopicReader;
import com.podium.testsupport.Poll;
import com.podium.testsupport.SharedStandIn;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * Shutdown order: an instance's event relay stops only after its background refresher and refresh coordinator
 * finished the refreshes in flight, so the events of those refreshes leave through this instance's producer before
 * it closes, instead of waiting in the outbox for another instance (or, with one instance, for the next start).
 */
@IntegrationTest
class ShutdownOrderTests {

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRefreshFinishingDuringShutdownIsSentByTheStoppingInstance() {
        standIn.reset();
        String athlete = "athlete-" + UUID.randomUUID();
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        tokens.store(athlete, AccountRole.ATHLETE, tokens.exchangeAuthorizationCode(
                standIn.authorizeAsBrowser("http://localhost:8501/", "athlete:profile workouts:read"), null));
        Instant refreshAt = tokens.status(athlete).orElseThrow().refreshAt();
        Poll.until("the token is due", Duration.ofSeconds(10), () -> Instant.now().isAfter(refreshAt));
        standIn.accessTokenLifetime(Duration.ofHours(1)).delay(Duration.ofMillis(1500)).resetCounters();
        ConfigurableApplicationContext second = instanceWithBackgroundRefresher();
        EventRelay relay = second.getBean(EventRelay.class);
        Poll.until("the refresh is in flight", Duration.ofSeconds(20), () -> standIn.refreshCalls() >= 1);
        long sentBefore = relay.sentCount();

        second.close(); // what SIGTERM does; the answer arrives while the context closes

        standIn.delay(Duration.ZERO);
        assertThat(relay.sentCount()).as("events sent by the stopping instance").isGreaterThan(sentBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM event_outbox WHERE message_key = ?").param(athlete)
            .query(Long.class).single()).as("left in the outbox").isZero();
        assertThat(KafkaTopicReader.readUntil(TokenEvents.TOPIC, Duration.ofSeconds(30),
                read -> read.stream().anyMatch(r -> athlete.equals(r.key()) && refreshed(r.headers()
                    .lastHeader(TokenEvents.TYPE_HEADER).value()))))
            .anyMatch(r -> athlete.equals(r.key()));
    }

    private static boolean refreshed(byte[] type) {
        return "TokenRefreshed".equals(new String(type));
    }

    /** A second application instance on the same database and broker, refreshing in the background. */
    private static ConfigurableApplicationContext instanceWithBackgroundRefresher() {
        return AnotherInstance.start(standIn.baseUri(),
                "--podium.tokens.scheduler.enabled=true",
                "--podium.tokens.scheduler.interval=PT0.2S");
    }
}
