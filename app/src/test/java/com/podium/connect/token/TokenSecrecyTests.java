package com.podium.connect.token;

import static com.podium.connect.token.StandInTokens.awaitExpiry;
import static com.podium.connect.token.StandInTokens.awaitRefreshDue;
import static com.podium.connect.token.StandInTokens.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.podium.connect.token.crypto.TokenCipher;
import com.podium.connect.token.crypto.TokenCipher.Field;
import com.podium.connect.token.crypto.TokenDecryptionException;
import com.podium.connect.token.crypto.TokenReEncryption;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.SharedStandIn;
import com.podium.testsupport.KafkaTopicReader;
import com.podium.trainingpeaks.standin.Failure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/** Tokens never leave the token module in plaintext: not to the database, the logs, the outbox or Kafka. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class TokenSecrecyTests {

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();
    static final String OLD_KEY = "test-0:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TokenReEncryption reEncryption;

    String athlete = "athlete-" + UUID.randomUUID();

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @Test
    void storedTokensAreCiphertextsBoundToTheirRow() {
        TokenGrant grant = connect(tokens, standIn, athlete);
        String other = athlete + "-other";
        connect(tokens, standIn, other);

        assertThat(plaintextRows(grant.accessToken())).isZero();
        assertThat(plaintextRows(grant.refreshToken())).isZero();
        assertThat(jdbc.sql("SELECT key_id FROM oauth_tokens WHERE athlete_id = ?").param(athlete).query(String.class)
            .single()).isEqualTo("test-1");

        jdbc.sql("UPDATE oauth_tokens SET access_token = (SELECT access_token FROM oauth_tokens WHERE athlete_id = ?) WHERE athlete_id = ?")
            .params(athlete, other)
            .update();

        assertThatThrownBy(() -> tokens.getToken(other)).isInstanceOf(TokenDecryptionException.class)
            .hasMessageContaining(other)
            .hasMessageNotContaining(grant.accessToken());
    }

    @Test
    void reEncryptionMovesRowsToTheActiveKeyWithoutChangingTheTokens() {
        TokenGrant grant = connect(tokens, standIn, athlete);
        TokenCipher old = TokenCipher.fromKeyList(OLD_KEY, null);
        jdbc.sql("UPDATE oauth_tokens SET access_token = ?, refresh_token = ?, key_id = 'test-0' WHERE athlete_id = ?")
            .params(old.encrypt(grant.accessToken(), athlete, Field.ACCESS_TOKEN),
                    old.encrypt(grant.refreshToken(), athlete, Field.REFRESH_TOKEN), athlete)
            .update();
        assertThat(tokens.getToken(athlete).value()).as("old key still readable").isEqualTo(grant.accessToken());

        assertThat(reEncryption.reEncryptAll()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("SELECT count(*) FROM oauth_tokens WHERE key_id <> 'test-1'").query(Long.class).single())
            .isZero();
        assertThat(tokens.getToken(athlete).value()).isEqualTo(grant.accessToken());
        // The refresh token survived too: a refresh with it works.
        assertThat(tokens.refreshRejected(athlete, tokens.getToken(athlete)).value()).isNotEqualTo(grant.accessToken());
    }

    @Test
    void noTokenValueReachesTheLogsTheOutboxOrKafka(CapturedOutput output) {
        // The relay deletes outbox rows once Kafka has them: a trigger keeps a copy of every payload written.
        String copy = "outbox_copy_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("CREATE TABLE " + copy + " (payload TEXT)").update();
        jdbc.sql("CREATE FUNCTION " + copy + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO "
                + copy + " VALUES (NEW.payload); RETURN NEW; END $$").update();
        jdbc.sql("CREATE TRIGGER " + copy + " AFTER INSERT ON event_outbox FOR EACH ROW EXECUTE FUNCTION "
                + copy + "()").update();
        try {
            produceEveryKindOfTokenEvent(output, copy);
        }
        finally {
            jdbc.sql("DROP TRIGGER " + copy + " ON event_outbox").update();
            jdbc.sql("DROP FUNCTION " + copy + "()").update();
            jdbc.sql("DROP TABLE " + copy).update();
        }
    }

    private void produceEveryKindOfTokenEvent(CapturedOutput output, String outboxCopy) {
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        connect(tokens, standIn, athlete);
        awaitRefreshDue(tokens, athlete);
        tokens.getToken(athlete);
        awaitExpiry(tokens, athlete);
        standIn.failNextTokenCalls(1, Failure.HTML_502);
        assertThatThrownBy(() -> tokens.getToken(athlete)).isInstanceOf(TokenEndpointException.class);
        tokens.refreshRejected(athlete, null);
        standIn.failRefreshWithInvalidGrant(true);
        assertThatThrownBy(() -> tokens.refreshRejected(athlete, null)).isInstanceOf(TokenEndpointException.class);
        String second = athlete + "-2";
        standIn.failRefreshWithInvalidGrant(false);
        connect(tokens, standIn, second);
        tokens.disconnect(second);

        List<ConsumerRecord<String, String>> kafka = KafkaTopicReader.readUntil(TokenEvents.TOPIC,
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> second.equals(r.key())));
        List<String> outbox = jdbc.sql("SELECT serialized_event FROM event_publication "
                + " UNION ALL SELECT payload FROM " + outboxCopy).query(String.class).list();
        List<String> secrets = new ArrayList<>(standIn.issuedAccessTokens());
        secrets.addAll(standIn.issuedRefreshTokens());
        secrets.add(TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET);

        assertThat(secrets).hasSizeGreaterThan(6);
        assertThat(kafka).isNotEmpty();
        assertThat(outbox).isNotEmpty();
        for (String secret : secrets) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(kafka).noneMatch(r -> r.value().contains(secret));
            assertThat(outbox).noneMatch(event -> event.contains(secret));
            assertThat(plaintextRows(secret)).isZero();
        }
    }

    private long plaintextRows(String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        return jdbc.sql("""
                SELECT count(*) FROM oauth_tokens
                WHERE position(? IN access_token) > 0 OR position(? IN coalesce(refresh_token, ''::bytea)) > 0""")
            .params(bytes, bytes)
            .query(Long.class)
            .single();
    }
}
