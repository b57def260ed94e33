package com.podium.trainingpeaks.standin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static com.podium.trainingpeaks.standin.OAuthClient.basic;
import static com.podium.trainingpeaks.standin.TrainingPeaksStandIn.DEFAULT_CLIENT_ID;
import static com.podium.trainingpeaks.standin.TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs every flow with all stand-in logging enabled and checks no secret reaches a log line or an error body. */
class NoSecretLeakTest {

    private final Logger logger = Logger.getLogger("com.podium.trainingpeaks.standin");
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;
    private TrainingPeaksStandIn standIn;
    private OAuthClient client;

    @BeforeEach
    void start() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        logger.addHandler(capture);
        standIn = TrainingPeaksStandIn.start(0);
        client = new OAuthClient(standIn);
    }

    @AfterEach
    void stop() {
        standIn.close();
        logger.removeHandler(capture);
        logger.setLevel(previousLevel);
    }

    @Test
    void neitherLogsNorErrorBodiesContainTokensOrSecrets() {
        List<String> bodies = new ArrayList<>();
        String code = client.authorizeCode(Map.of());
        bodies.add(client.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", "http://wrong.example/cb", "client_id", DEFAULT_CLIENT_ID,
                "client_secret", DEFAULT_CLIENT_SECRET), null).body());
        JsonNode token = client.connect();
        String refreshToken = token.get("refresh_token").asText();
        assertThat(client.refresh(refreshToken).statusCode()).isEqualTo(200); // its body legitimately has tokens
        bodies.add(client.refresh(refreshToken).body()); // rotated: invalid_grant
        bodies.add(client.postForm("/oauth/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", DEFAULT_CLIENT_ID, "client_secret", "wrong-secret"), null).body());
        bodies.add(client.postForm("/oauth/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                basic(DEFAULT_CLIENT_ID, "wrong-secret")).body());
        standIn.expireAccessTokensNow();
        bodies.add(client.api("/v1/athlete/profile", token.get("access_token").asText()).body());
        HttpResponse<String> deauthorize = client.postForm("/oauth/deauthorize", Map.of(),
                "Bearer " + token.get("access_token").asText());
        bodies.add(deauthorize.body());
        bodies.add(client.get("/_standin/state").body());

        assertThat(lines).as("the server logged its requests").isNotEmpty();
        List<String> secrets = new ArrayList<>(standIn.issuedAccessTokens());
        secrets.addAll(standIn.issuedRefreshTokens());
        secrets.add(code);
        secrets.add(DEFAULT_CLIENT_SECRET);
        secrets.add("wrong-secret");
        for (String secret : secrets) {
            assertThat(lines).noneMatch(line -> line.contains(secret));
            assertThat(bodies).noneMatch(body -> body.contains(secret));
        }
        assertThat(lines).noneMatch(line -> line.contains("gAAAA") || line.contains("!IAAA") || line.contains("tpac_"));
        assertThat(standIn.tokenRequests()).allSatisfy(request ->
                assertThat(request.toString()).doesNotContain("tpac_", "!IAAA", DEFAULT_CLIENT_SECRET));
    }
}
