package com.podium.trainingpeaks.standin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static com.podium.trainingpeaks.standin.OAuthClient.basic;
import static com.podium.trainingpeaks.standin.OAuthClient.json;
import static com.podium.trainingpeaks.standin.TrainingPeaksStandIn.DEFAULT_CLIENT_ID;
import static com.podium.trainingpeaks.standin.TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

class DeauthorizeTest extends StandInTest {

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
    void onlyABearerAccessTokenCounts() {
        JsonNode token = client.connect();
        HttpResponse<String> formToken = client.postForm("/oauth/deauthorize",
                Map.of("token", token.get("access_token").asText()), basic(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET));
        assertThat(formToken.statusCode()).isEqualTo(401);
        HttpResponse<String> refreshToken = client.postForm("/oauth/deauthorize", Map.of(),
                "Bearer " + token.get("refresh_token").asText());
        assertThat(refreshToken.statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = client.postForm("/oauth/deauthorize", Map.of(), "Bearer gAAAAunknown!x");
        assertThat(json(unknown).get("error").asText()).isEqualTo("invalid_token");

        assertThat(client.api("/v1/athlete/profile", token.get("access_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredAccessTokenIsRefusedByDefaultAndTheGrantStaysLive() {
        JsonNode token = client.connect();
        standIn.expireAccessTokensNow();
        HttpResponse<String> refused = client.postForm("/oauth/deauthorize", Map.of(),
                "Bearer " + token.get("access_token").asText());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).get("error").asText()).isEqualTo("invalid_token");
        assertThat(client.refresh(token.get("refresh_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void withTheKnobOnAnExpiredAccessTokenDeauthorizes() {
        standIn.deauthorizeAcceptsExpiredToken(true);
        JsonNode token = client.connect();
        standIn.expireAccessTokensNow();
        assertThat(client.postForm("/oauth/deauthorize", Map.of(), "Bearer " + token.get("access_token").asText())
                .statusCode()).isEqualTo(200);
        assertThat(json(client.refresh(token.get("refresh_token").asText())).get("error").asText())
                .isEqualTo("invalid_grant");
    }
}
