package com.podium.trainingpeaks.standin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static com.podium.trainingpeaks.standin.OAuthClient.basic;
import static com.podium.trainingpeaks.standin.OAuthClient.json;
import static com.podium.trainingpeaks.standin.TrainingPeaksStandIn.DEFAULT_CLIENT_ID;
import static com.podium.trainingpeaks.standin.TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

class DeauthorizeTest {

    private TrainingPeaksStandIn standIn;
    private OAuthClient client;

    @BeforeEach
    void start() {
        standIn = TrainingPeaksStandIn.start(0);
        client = new OAuthClient(standIn);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void bearerDeauthorizeRevokesEveryTokenOfThatUserForThatClient() {
        JsonNode first = client.connect();
        JsonNode refreshed = json(client.refresh(first.get("refresh_token").asText()));
        JsonNode otherUser = client.connect();

        HttpResponse<String> response = client.postForm("/oauth/deauthorize", Map.of(),
                "Bearer " + refreshed.get("access_token").asText());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(standIn.deauthorizeCalls()).isEqualTo(1);

        assertThat(client.api("/v1/athlete/profile", first.get("access_token").asText()).statusCode()).isEqualTo(401);
        assertThat(client.api("/v1/athlete/profile", refreshed.get("access_token").asText()).statusCode()).isEqualTo(401);
        assertThat(json(client.refresh(refreshed.get("refresh_token").asText())).get("error").asText())
                .isEqualTo("invalid_grant");
        // Another user's connection is untouched.
        assertThat(client.api("/v1/athlete/profile", otherUser.get("access_token").asText()).statusCode()).isEqualTo(200);

        // Deauthorizing again with a revoked token is a 401.
        assertThat(client.postForm("/oauth/deauthorize", Map.of(), "Bearer " + first.get("access_token").asText())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void formTokenWithClientAuthenticationAlsoWorks() {
        JsonNode token = client.connect();
        HttpResponse<String> response = client.postForm("/oauth/deauthorize",
                Map.of("token", token.get("access_token").asText()), basic(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(client.api("/v1/athlete/profile", token.get("access_token").asText()).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongClientSecretOrUnknownTokenIs401() {
        JsonNode token = client.connect();
        HttpResponse<String> wrongSecret = client.postForm("/oauth/deauthorize",
                Map.of("token", token.get("access_token").asText()), basic(DEFAULT_CLIENT_ID, "nope"));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(json(wrongSecret).get("error").asText()).isEqualTo("invalid_client");

        HttpResponse<String> unknown = client.postForm("/oauth/deauthorize", Map.of(), "Bearer tpat_unknown");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(json(unknown).get("error").asText()).isEqualTo("invalid_token");

        assertThat(client.api("/v1/athlete/profile", token.get("access_token").asText()).statusCode()).isEqualTo(200);
    }
}
