package com.podium.trainingpeaks.standin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static com.podium.trainingpeaks.standin.OAuthClient.json;
import static org.assertj.core.api.Assertions.assertThat;

class AdminEndpointTest extends StandInTest {

    @Test
    void knobsCanBeFlippedWithQueryParameters() {
        assertThat(post("/_standin/accessTokenLifetime?seconds=5").statusCode()).isEqualTo(200);
        assertThat(post("/_standin/rotateRefreshTokens?value=false").statusCode()).isEqualTo(200);

        JsonNode token = client.connect();
        assertThat(token.get("expires_in").asLong()).isEqualTo(5);
        assertThat(json(client.refresh(token.get("refresh_token").asText())).has("refresh_token")).isFalse();

        post("/_standin/outage");
        assertThat(client.authorize(Map.of()).statusCode()).isEqualTo(502);
        post("/_standin/outage?value=false");
        assertThat(client.authorize(Map.of()).statusCode()).isEqualTo(302);
    }

    @Test
    void knobsCanBeFlippedWithJsonBodies() {
        String refreshToken = client.connect().get("refresh_token").asText();
        assertThat(postJson("/_standin/failNextTokenCalls", "{\"n\":1,\"kind\":\"SERVICE_UNAVAILABLE_503\"}")
                .statusCode()).isEqualTo(200);
        assertThat(client.refresh(refreshToken).statusCode()).isEqualTo(503);

        postJson("/_standin/failRefreshWithInvalidGrant", "{\"value\":true}");
        assertThat(client.refresh(refreshToken).statusCode()).isEqualTo(400);
        postJson("/_standin/failRefreshWithInvalidGrant", "{\"value\":false}");

        postJson("/_standin/delay", "{\"millis\":300}");
        long started = System.nanoTime();
        assertThat(client.refresh(refreshToken).statusCode()).isEqualTo(200);
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(Duration.ofMillis(280).toNanos());

        postJson("/_standin/failNextApiCalls", "{\"n\":2,\"kind\":\"unauthorized_401\"}");
        JsonNode knobs = json(client.get("/_standin/state")).get("knobs");
        assertThat(knobs.get("delayMillis").asLong()).isEqualTo(300);
        assertThat(knobs.get("failNextApiCalls").get("remaining").asInt()).isEqualTo(2);
        assertThat(knobs.get("failNextApiCalls").get("kind").asText()).isEqualTo("UNAUTHORIZED_401");
    }

    @Test
    void stateShowsKnobsAndCountersButNoTokenOrSecretValues() {
        JsonNode token = client.connect();
        client.refresh(token.get("refresh_token").asText());
        standIn.autoApprove(false).apiDelay(Duration.ofMillis(20));

        HttpResponse<String> state = client.get("/_standin/state");
        assertThat(state.statusCode()).isEqualTo(200);
        JsonNode json = json(state);
        assertThat(json.get("knobs").get("autoApprove").asBoolean()).isFalse();
        assertThat(json.get("knobs").get("apiDelayMillis").asLong()).isEqualTo(20);
        assertThat(json.get("knobs").get("rotateRefreshTokens").asBoolean()).isTrue();
        assertThat(json.get("counters").get("tokenCalls").asInt()).isEqualTo(2);
        assertThat(json.get("counters").get("refreshCalls").asInt()).isEqualTo(1);
        assertThat(json.get("tokens").get("issuedAccessTokens").asInt()).isEqualTo(2);
        assertThat(json.get("lastTokenRequest").get("grantType").asText()).isEqualTo("refresh_token");
        assertThat(state.body()).doesNotContain(TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET).doesNotContain("gAAAA")
                .doesNotContain("!IAAA").doesNotContain("tpac_");
    }

    @Test
    void resetRestoresDefaultsAndBadInputIs400() {
        post("/_standin/autoApprove?value=false");
        post("/_standin/failNextApiCalls?n=3&kind=HTML_502");
        assertThat(post("/_standin/reset").statusCode()).isEqualTo(200);
        assertThat(client.authorize(Map.of()).statusCode()).isEqualTo(302);
        assertThat(standIn.authorizeCalls()).isEqualTo(1);

        assertThat(post("/_standin/failNextTokenCalls?n=1&kind=TEAPOT_418").statusCode()).isEqualTo(400);
        assertThat(post("/_standin/delay?millis=soon").statusCode()).isEqualTo(400);
        assertThat(post("/_standin/noSuchKnob").statusCode()).isEqualTo(404);
        assertThat(client.get("/_standin/outage").statusCode()).isEqualTo(405);
    }

    @Test
    void clientsCanBeRegisteredOverHttp() {
        assertThat(postJson("/_standin/registerClient", "{\"clientId\":\"demo-2\",\"clientSecret\":\"s3cret-2\"}")
                .body()).contains("demo-2").doesNotContain("s3cret-2");
        assertThat(client.authorize(Map.of("client_id", "demo-2")).statusCode()).isEqualTo(302);
    }

    @Test
    void theDocumentationGapKnobsCanBeFlippedOverHttp() {
        post("/_standin/acceptBasicClientAuthentication?value=true");
        post("/_standin/deauthorizeAcceptsExpiredToken?value=true");
        post("/_standin/newAthletesPremium?value=false");
        post("/_standin/hrvKey?value=HRV");
        JsonNode knobs = json(client.get("/_standin/state")).get("knobs");
        assertThat(knobs.get("acceptBasicClientAuthentication").asBoolean()).isTrue();
        assertThat(knobs.get("deauthorizeAcceptsExpiredToken").asBoolean()).isTrue();
        assertThat(knobs.get("newAthletesPremium").asBoolean()).isFalse();
        assertThat(knobs.get("hrvKey").asText()).isEqualTo("HRV");
        assertThat(post("/_standin/hrvKey?value=hrv").statusCode()).isEqualTo(400);
        post("/_standin/reset");
        assertThat(json(client.get("/_standin/state")).get("knobs").get("acceptBasicClientAuthentication").asBoolean())
                .isFalse();
    }

    @Test
    void aClientWithItsOwnRedirectUriCanBeRegisteredOverHttp() {
        postJson("/_standin/registerClient",
                "{\"clientId\":\"demo-3\",\"clientSecret\":\"s3\",\"redirectUri\":\"https://podium.example/cb\"}");
        assertThat(client.authorize(Map.of("client_id", "demo-3", "redirect_uri", "https://podium.example/cb"))
                .statusCode()).isEqualTo(302);
        assertThat(client.authorize(Map.of("client_id", "demo-3")).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> post(String pathAndQuery) {
        return client.send(HttpRequest.newBuilder(client.base.resolve(pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpResponse<String> postJson(String path, String body) {
        return client.send(HttpRequest.newBuilder(client.base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
