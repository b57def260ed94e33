package com.podium.connect.token;

import static com.podium.connect.token.StandInTokens.awaitRefreshDue;
import static com.podium.connect.token.StandInTokens.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.podium.connect.token.cache.AccessTokenCache;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.Poll;
import com.podium.testsupport.SharedStandIn;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * The access-token cache: a read that is not due is served from memory, and the entry goes when the token changes
 * anywhere. The waits for another instance's event are far shorter than the cache's max age (1 minute), so an
 * eviction that never came fails them.
 */
@IntegrationTest
class TokenCacheIntegrationTests {

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();
    static final Duration EVENT_WAIT = Duration.ofSeconds(20);

    @Autowired
    Tokens tokens;

    @Autowired
    AccessTokenCache cache;

    @Autowired
    JdbcClient jdbc;

    String athlete = "athlete-" + UUID.randomUUID();

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @Test
    void aRefreshOnAnotherInstanceEvictsThisInstancesEntry() {
        try (ConfigurableApplicationContext second = StandInTokens.secondInstance(standIn)) {
            connect(tokens, standIn, athlete);
            AccessToken first = tokens.getToken(athlete);
            assertThat(cache.holds(athlete)).isTrue();

            AccessToken refreshedElsewhere = second.getBean(Tokens.class).refreshRejected(athlete, first);

            StandInTokens.await(() -> !cache.holds(athlete), EVENT_WAIT);
            assertThat(tokens.getToken(athlete).value()).isEqualTo(refreshedElsewhere.value())
                .isNotEqualTo(first.value());
        }
    }

    @Test
    void aDisconnectOnAnotherInstanceEvictsThisInstancesEntry() {
        try (ConfigurableApplicationContext second = StandInTokens.secondInstance(standIn)) {
            connect(tokens, standIn, athlete);
            tokens.getToken(athlete);
            assertThat(cache.holds(athlete)).isTrue();

            second.getBean(Tokens.class).disconnect(athlete);

            StandInTokens.await(() -> !cache.holds(athlete), EVENT_WAIT);
            assertThatThrownBy(() -> tokens.getToken(athlete)).isInstanceOf(NoTokenStoredException.class);
        }
    }

    @Test
    void aLocalRefreshAndDisconnectEvictAtOnce() {
        connect(tokens, standIn, athlete);
        AccessToken first = tokens.getToken(athlete);

        AccessToken refreshed = tokens.refreshRejected(athlete, first);
        assertThat(tokens.getToken(athlete).value()).isEqualTo(refreshed.value()).isNotEqualTo(first.value());

        tokens.disconnect(athlete);
        assertThatThrownBy(() -> tokens.getToken(athlete)).isInstanceOf(NoTokenStoredException.class);
    }

    /**
     * The stored token is swapped behind the cache's back (as if another instance's event were late): the cache goes
     * on serving its entry until the API rejects exactly that token; then the stored one is handed out, without a
     * token call since it differs from the rejected one.
     */
    @Test
    void a401ForTheCachedTokenDropsIt() {
        connect(tokens, standIn, athlete);
        byte[] firstCiphertext = jdbc.sql("SELECT access_token FROM oauth_tokens WHERE athlete_id = ?")
            .param(athlete).query(byte[].class).single();
        AccessToken first = tokens.getToken(athlete);
        AccessToken cached = tokens.refreshRejected(athlete, first);
        byte[] cachedCiphertext = jdbc.sql("SELECT access_token FROM oauth_tokens WHERE athlete_id = ?")
            .param(athlete).query(byte[].class).single();
        // The refresh's own event comes back over Kafka and drops the entry once, whenever it arrives: fill the
        // cache, put the first token back in the database, and read again until the read is served from memory.
        Poll.until("a read served from memory while the database holds the first token", Duration.ofSeconds(20),
                () -> {
                    storeAccessToken(cachedCiphertext);
                    assertThat(tokens.getToken(athlete).value()).isEqualTo(cached.value());
                    storeAccessToken(firstCiphertext);
                    return tokens.getToken(athlete).value().equals(cached.value());
                });
        int tokenCalls = standIn.tokenCalls();

        AccessToken afterRejection = tokens.refreshRejected(athlete, cached);

        assertThat(afterRejection.value()).isEqualTo(first.value());
        assertThat(tokens.getToken(athlete).value()).isEqualTo(first.value());
        assertThat(standIn.tokenCalls()).isEqualTo(tokenCalls);
    }

    private void storeAccessToken(byte[] ciphertext) {
        jdbc.sql("UPDATE oauth_tokens SET access_token = ? WHERE athlete_id = ?").params(ciphertext, athlete).update();
    }

    @Test
    void aDueTokenIsNeverServedFromMemory() {
        standIn.accessTokenLifetime(Duration.ofSeconds(10));
        TokenGrant grant = connect(tokens, standIn, athlete);
        assertThat(tokens.getToken(athlete).value()).isEqualTo(grant.accessToken());
        assertThat(cache.holds(athlete)).isTrue();
        awaitRefreshDue(tokens, athlete);

        assertThat(tokens.getToken(athlete).value()).isNotEqualTo(grant.accessToken());
        assertThat(standIn.refreshCalls()).isEqualTo(1);
    }
}
