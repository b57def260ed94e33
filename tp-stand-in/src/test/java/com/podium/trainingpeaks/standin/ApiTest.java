package com.podium.trainingpeaks.standin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static com.podium.trainingpeaks.standin.OAuthClient.json;
import static org.assertj.core.api.Assertions.assertThat;

class ApiTest {

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
    void accessTokenStopsWorkingAfterItsShortLifetime() throws InterruptedException {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        JsonNode token = client.connect();
        assertThat(token.get("expires_in").asLong()).isEqualTo(1);
        String accessToken = token.get("access_token").asText();
        assertThat(client.api("/v1/athlete/profile", accessToken).statusCode()).isEqualTo(200);

        Thread.sleep(1200);
        assertInvalidToken(client.api("/v1/athlete/profile", accessToken));

        // The refresh token outlives the access token.
        HttpResponse<String> refreshed = client.refresh(token.get("refresh_token").asText());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(client.api("/v1/athlete/profile", json(refreshed).get("access_token").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void expireAccessTokensNowInvalidatesIssuedAccessTokensOnly() {
        standIn.accessTokenLifetime(Duration.ofSeconds(300));
        JsonNode token = client.connect();
        assertThat(token.get("expires_in").asLong()).isEqualTo(300);
        standIn.expireAccessTokensNow();
        assertInvalidToken(client.api("/v1/athlete/profile", token.get("access_token").asText()));
        assertThat(client.refresh(token.get("refresh_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void missingOrUnknownBearerTokenIs401WithChallenge() {
        assertInvalidToken(client.get("/v1/athlete/profile"));
        assertInvalidToken(client.api("/v1/athlete/profile", "tpat_madeup"));
        assertInvalidToken(client.send(HttpRequest.newBuilder(client.base.resolve("/v2/workouts/2026-11-20/2026-11-20"))
                .header("Authorization", "Basic Zm9vOmJhcg==").build()));
    }

    @Test
    void workoutsAndMetricsAreDeterministicPerAthleteAndDay() {
        String accessToken = client.connect().get("access_token").asText();
        String range = "/2026-10-01/2026-11-15"; // exactly 45 days apart: the longest range allowed
        HttpResponse<String> response = client.api("/v2/workouts" + range, accessToken);
        assertThat(json(response)).hasSize(46);
        String workouts = response.body();
        assertThat(client.api("/v2/workouts" + range, accessToken).body()).isEqualTo(workouts);
        assertThat(client.api("/v2/metrics" + range, accessToken).body())
                .isEqualTo(client.api("/v2/metrics" + range, accessToken).body());

        // A second stand-in produces the same numbers for the same athlete id.
        try (TrainingPeaksStandIn other = TrainingPeaksStandIn.start(0)) {
            OAuthClient otherClient = new OAuthClient(other);
            String otherToken = otherClient.connect().get("access_token").asText();
            assertThat(otherClient.api("/v2/workouts" + range, otherToken).body()).isEqualTo(workouts);
        }

        // Another athlete gets different data.
        String secondAthlete = client.connect().get("access_token").asText();
        assertThat(client.api("/v2/workouts" + range, secondAthlete).body()).isNotEqualTo(workouts);
    }

    @Test
    void invalidDateRangesAre400InvalidRequest() {
        String accessToken = client.connect().get("access_token").asText();
        for (String path : new String[] {
                "/v2/workouts/2026-10-01/2026-11-16", // 46 days
                "/v2/workouts/2026-11-20/2026-11-19", // end before start
                "/v2/metrics/2026-11-20/2026-11-19",
                "/v2/workouts/20-11-2026/2026-11-21"}) {
            HttpResponse<String> response = client.api(path, accessToken);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(json(response).get("error").asText()).isEqualTo("invalid_request");
            assertThat(json(response).get("error_description").asText()).isNotBlank();
        }
    }

    @Test
    void workoutDetailsAreOnlyForTheTokensAthlete() {
        String first = client.connect().get("access_token").asText();
        String second = client.connect().get("access_token").asText();
        long workoutId = json(client.api("/v2/workouts/2026-11-20/2026-11-20", first)).get(0).get("Id").asLong();

        assertThat(client.api("/v2/workouts/id/" + workoutId, first).statusCode()).isEqualTo(200);
        assertThat(client.api("/v2/workouts/id/" + workoutId, second).statusCode()).isEqualTo(404);
        assertThat(client.api("/v2/workouts/id/12345", first).statusCode()).isEqualTo(404);
        assertThat(client.api("/v2/workouts/id/not-a-number", first).statusCode()).isEqualTo(404);
    }

    @Test
    void eachEndpointRequiresItsScope() {
        Map<String, String> endpoints = Map.of(
                "/v1/athlete/profile", "athlete:profile",
                "/v2/workouts/2026-11-20/2026-11-20", "workouts:read",
                "/v2/metrics/2026-11-20/2026-11-20", "metrics:read",
                "/v1/coach/athletes", "coach:athletes");
        String noScopes = client.exchange(client.authorizeCode(Map.of("scope", "unrelated:scope")))
                .get("access_token").asText();
        endpoints.forEach((path, scope) -> {
            HttpResponse<String> response = client.api(path, noScopes);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains(scope);
        });
        String withDetails = client.exchange(client.authorizeCode(Map.of("scope", "workouts:details")))
                .get("access_token").asText();
        long workoutId = standIn.athletes().get(1).id() * 100_000 + java.time.LocalDate.of(2026, 11, 20).toEpochDay();
        assertThat(client.api("/v2/workouts/id/" + workoutId, noScopes).statusCode()).isEqualTo(403);
        assertThat(client.api("/v2/workouts/id/" + workoutId, withDetails).statusCode()).isEqualTo(200);
    }

    @Test
    void injectedApiFailuresIncludingUnauthorizedWithAValidToken() {
        String accessToken = client.connect().get("access_token").asText();
        standIn.failNextApiCalls(1, Failure.UNAUTHORIZED_401);
        assertInvalidToken(client.api("/v1/athlete/profile", accessToken));

        standIn.failNextApiCalls(1, Failure.HTML_502);
        HttpResponse<String> badGateway = client.api("/v1/athlete/profile", accessToken);
        assertThat(badGateway.statusCode()).isEqualTo(502);
        assertThat(badGateway.headers().firstValue("Content-Type")).hasValue("text/html");

        standIn.failNextApiCalls(1, Failure.TOO_MANY_REQUESTS_429);
        assertThat(client.api("/v1/athlete/profile", accessToken).headers().firstValue("Retry-After")).hasValue("1");

        assertThat(client.api("/v1/athlete/profile", accessToken).statusCode()).isEqualTo(200);
        assertThat(standIn.apiCalls()).isEqualTo(4);
    }

    @Test
    void unknownApiPathIs404() {
        String accessToken = client.connect().get("access_token").asText();
        assertThat(client.api("/v1/athlete/nothing", accessToken).statusCode()).isEqualTo(404);
    }

    private static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_token");
    }
}
