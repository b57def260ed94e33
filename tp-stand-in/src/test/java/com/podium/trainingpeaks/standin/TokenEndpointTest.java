package com.podium.trainingpeaks.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.podium.trainingpeaks.standin.TokenRequest.ClientAuth;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.podium.trainingpeaks.standin.OAuthClient.REDIRECT_URI;
import static com.podium.trainingpeaks.standin.OAuthClient.basic;
import static com.podium.trainingpeaks.standin.OAuthClient.json;
import static com.podium.trainingpeaks.standin.TrainingPeaksStandIn.DEFAULT_CLIENT_ID;
import static com.podium.trainingpeaks.standin.TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

class TokenEndpointTest extends StandInTest {

    @Test
    void serverSocketsDisableNagleBeforeTheFirstServerIsMade() {
        // The JDK reads this once, when the JVM's first HttpServer is made; without it every answer waits ~40 ms
        // for a delayed ACK (measured in benchmarks/, never timed here).
        assertThat(System.getProperty(TrainingPeaksStandIn.NODELAY_PROPERTY)).isEqualTo("true");
    }

    @Test
    void basicClientAuthenticationAloneIsRejectedLikeMissingCredentialsButRecorded() {
        String code = client.authorizeCode(Map.of());
        HttpResponse<String> response = client.postForm("/oauth/token", codeForm(code),
                basic(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET));
        assertInvalidClient(response);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(json(response)).isEqualTo(json(client.postForm("/oauth/token", codeForm(code), null)));

        TokenRequest seen = standIn.lastTokenRequest().orElseThrow();
        assertThat(standIn.tokenRequests()).first().satisfies(first -> {
            assertThat(first.clientAuth()).isEqualTo(ClientAuth.BASIC);
            assertThat(first.clientId()).isEqualTo(DEFAULT_CLIENT_ID);
            assertThat(first.authorizationHeaderPresent()).isTrue();
        });
        assertThat(seen.clientAuth()).isEqualTo(ClientAuth.NONE);

        // The rejection does not burn the code: with body credentials it still works.
        assertThat(client.token(codeForm(code)).statusCode()).isEqualTo(200);
    }

    @Test
    void withTheBasicKnobOnBasicWorksAndIsRecorded() {
        standIn.acceptBasicClientAuthentication(true);
        HttpResponse<String> response = client.postForm("/oauth/token", codeForm(client.authorizeCode(Map.of())),
                basic(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");

        TokenRequest seen = standIn.lastTokenRequest().orElseThrow();
        assertThat(seen.clientAuth()).isEqualTo(ClientAuth.BASIC);
        assertThat(seen.authorizationHeaderPresent()).isTrue();
        assertThat(seen.clientId()).isEqualTo(DEFAULT_CLIENT_ID);
        assertThat(seen.grantType()).isEqualTo("authorization_code");
        assertThat(seen.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(seen.accept()).isEqualTo("application/json");
        assertThat(seen.form()).doesNotContainKey("client_secret").containsEntry("code", TokenRequest.REDACTED)
                .containsEntry("redirect_uri", REDIRECT_URI);
    }

    @Test
    void bodyCredentialsWorkTheSecretIsRedactedAndABasicHeaderBesideThemIsIgnored() {
        Map<String, String> form = codeForm(client.authorizeCode(Map.of()));
        form.put("client_id", DEFAULT_CLIENT_ID);
        form.put("client_secret", DEFAULT_CLIENT_SECRET);
        HttpResponse<String> response = client.postForm("/oauth/token", form, basic("someone", "else"));
        assertThat(response.statusCode()).isEqualTo(200);

        TokenRequest seen = standIn.lastTokenRequest().orElseThrow();
        assertThat(seen.clientAuth()).isEqualTo(ClientAuth.FORM);
        assertThat(seen.form()).containsEntry("client_id", DEFAULT_CLIENT_ID)
                .containsEntry("client_secret", TokenRequest.REDACTED);
        assertThat(seen.toString()).doesNotContain(DEFAULT_CLIENT_SECRET);
    }

    @Test
    void wrongOrMissingClientCredentialsGet401InvalidClient() {
        String code = client.authorizeCode(Map.of());
        Map<String, String> wrongForm = codeForm(code);
        wrongForm.put("client_id", DEFAULT_CLIENT_ID);
        wrongForm.put("client_secret", "not-the-secret");
        HttpResponse<String> wrong = client.postForm("/oauth/token", wrongForm, null);
        assertInvalidClient(wrong);
        assertThat(wrong.body()).doesNotContain("not-the-secret");

        assertInvalidClient(client.postForm("/oauth/token", codeForm(code), null));

        standIn.acceptBasicClientAuthentication(true);
        HttpResponse<String> wrongBasic = client.postForm("/oauth/token", codeForm(code),
                basic(DEFAULT_CLIENT_ID, "not-the-secret"));
        assertInvalidClient(wrongBasic);
        assertThat(wrongBasic.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

        // A failed client authentication does not burn the code.
        assertThat(client.token(codeForm(code)).statusCode()).isEqualTo(200);
    }

    @Test
    void refreshRotatesAndInvalidatesTheOldRefreshToken() {
        JsonNode first = client.connect();
        String oldRefresh = first.get("refresh_token").asText();

        HttpResponse<String> refreshed = client.refresh(oldRefresh);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode second = json(refreshed);
        String newRefresh = second.get("refresh_token").asText();
        assertThat(newRefresh).contains("!IAAA").isNotEqualTo(oldRefresh);
        assertThat(second.get("access_token").asText()).isNotEqualTo(first.get("access_token").asText());
        assertThat(second.get("scope").asText()).isEqualTo(OAuthClient.ATHLETE_SCOPES);

        HttpResponse<String> reuse = client.refresh(oldRefresh);
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(json(reuse).get("error").asText()).isEqualTo("invalid_grant");

        assertThat(client.refresh(newRefresh).statusCode()).isEqualTo(200);
        // The access token from before the refresh is not revoked by it.
        assertThat(client.api("/v1/athlete/profile", first.get("access_token").asText()).statusCode()).isEqualTo(200);
        assertThat(standIn.issuedRefreshTokens()).hasSize(3).startsWith(oldRefresh, newRefresh);
    }

    @Test
    void withoutRotationTheResponseOmitsRefreshTokenAndTheOldOneStaysValid() {
        standIn.rotateRefreshTokens(false);
        String refreshToken = client.connect().get("refresh_token").asText();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.refresh(refreshToken);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).has("refresh_token")).isFalse();
            assertThat(json(response).get("access_token").asText()).startsWith("gAAAA");
        }
        assertThat(standIn.issuedRefreshTokens()).containsExactly(refreshToken);
    }

    @Test
    void earlierAccessTokensStayValidAfterARefreshUnlessTheKnobEndsThem() {
        JsonNode first = client.connect();
        String earlier = first.get("access_token").asText();
        HttpResponse<String> refreshed = client.refresh(first.get("refresh_token").asText());
        assertThat(client.api("/v1/athlete/profile", earlier).statusCode()).as("knob off (default)").isEqualTo(200);

        standIn.refreshEndsEarlierAccessTokens(true);
        String newer = json(refreshed).get("access_token").asText();
        HttpResponse<String> again = client.refresh(json(refreshed).get("refresh_token").asText());

        assertThat(client.api("/v1/athlete/profile", earlier).statusCode()).isEqualTo(401);
        assertThat(client.api("/v1/athlete/profile", newer).statusCode()).isEqualTo(401);
        assertThat(client.api("/v1/athlete/profile", json(again).get("access_token").asText()).statusCode())
            .isEqualTo(200);
    }

    @Test
    void failRefreshWithInvalidGrantUntilSwitchedOff() {
        String refreshToken = client.connect().get("refresh_token").asText();
        standIn.failRefreshWithInvalidGrant(true);
        HttpResponse<String> failed = client.refresh(refreshToken);
        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(json(failed).get("error").asText()).isEqualTo("invalid_grant");

        standIn.failRefreshWithInvalidGrant(false);
        assertThat(client.refresh(refreshToken).statusCode()).isEqualTo(200);
    }

    @Test
    void revokeAllMakesEveryExistingTokenInvalid() {
        JsonNode token = client.connect();
        standIn.revokeAll();
        assertThat(json(client.refresh(token.get("refresh_token").asText())).get("error").asText())
                .isEqualTo("invalid_grant");
        assertThat(client.api("/v1/athlete/profile", token.get("access_token").asText()).statusCode()).isEqualTo(401);
        // A fresh connection works again.
        assertThat(client.refresh(client.connect().get("refresh_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRefreshTokenIsInvalidGrant() {
        HttpResponse<String> response = client.refresh("abc!IAAAdoesnotexist");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void unsupportedGrantTypeAndWrongContentType() {
        HttpResponse<String> unsupported = client.token(Map.of("grant_type", "password", "username", "a"));
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(json(unsupported).get("error").asText()).isEqualTo("unsupported_grant_type");

        HttpResponse<String> jsonBody = client.send(HttpRequest.newBuilder(client.base.resolve("/oauth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"refresh_token\",\"client_id\":\""
                        + DEFAULT_CLIENT_ID + "\"}")).build());
        assertThat(jsonBody.statusCode()).isEqualTo(400);
        assertThat(json(jsonBody).get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void html502FailuresThenRecovery() {
        String refreshToken = client.connect().get("refresh_token").asText();
        standIn.failNextTokenCalls(2, Failure.HTML_502);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> failed = client.refresh(refreshToken);
            assertThat(failed.statusCode()).isEqualTo(502);
            assertThat(failed.headers().firstValue("Content-Type")).hasValue("text/html");
            assertThat(failed.body()).isEqualTo("<html><head><title>502 Bad Gateway</title></head><body>"
                    + "<h1>502 Bad Gateway</h1><p>nginx</p></body></html>");
        }
        // The injected failures did not consume the refresh token.
        assertThat(client.refresh(refreshToken).statusCode()).isEqualTo(200);
    }

    @Test
    void otherInjectedTokenFailures() {
        String refreshToken = client.connect().get("refresh_token").asText();

        standIn.failNextTokenCalls(1, Failure.SERVICE_UNAVAILABLE_503);
        HttpResponse<String> unavailable = client.refresh(refreshToken);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(json(unavailable).get("error").asText()).isEqualTo("temporarily_unavailable");

        standIn.failNextTokenCalls(1, Failure.TOO_MANY_REQUESTS_429);
        HttpResponse<String> limited = client.refresh(refreshToken);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");

        standIn.failNextTokenCalls(1, Failure.INVALID_GRANT_400);
        HttpResponse<String> invalid = client.refresh(refreshToken);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get("error").asText()).isEqualTo("invalid_grant");

        assertThat(client.refresh(refreshToken).statusCode()).isEqualTo(200);
    }

    @Test
    void outageAnswersHtml502EverywhereUntilLifted() {
        String accessToken = client.connect().get("access_token").asText();
        standIn.outage(true);
        for (HttpResponse<String> response : new HttpResponse[] {
                client.authorize(Map.of()),
                client.refresh("abc!IAAAx"),
                client.api("/v1/athlete/profile", accessToken)}) {
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
            assertThat(response.body()).contains("502 Bad Gateway");
        }
        assertThat(client.get("/_standin/state").statusCode()).isEqualTo(200);
        standIn.outage(false);
        assertThat(client.api("/v1/athlete/profile", accessToken).statusCode()).isEqualTo(200);
    }

    @Test
    void countersTrackEachKindOfCall() {
        JsonNode token = client.connect();
        client.refresh(token.get("refresh_token").asText());
        client.token(Map.of("grant_type", "client_credentials"));
        client.api("/v1/athlete/profile", token.get("access_token").asText());
        client.api("/v1/athlete/profile", "gAAAAunknown!x");

        assertThat(standIn.authorizeCalls()).isEqualTo(1);
        assertThat(standIn.tokenCalls()).isEqualTo(3);
        assertThat(standIn.exchangeCalls()).isEqualTo(1);
        assertThat(standIn.refreshCalls()).isEqualTo(1);
        assertThat(standIn.apiCalls()).isEqualTo(2);
        assertThat(standIn.deauthorizeCalls()).isZero();
        assertThat(standIn.tokenRequests()).extracting(TokenRequest::grantType)
                .containsExactly("authorization_code", "refresh_token", "client_credentials");

        standIn.resetCounters();
        assertThat(standIn.tokenCalls()).isZero();
        assertThat(standIn.apiCalls()).isZero();
        assertThat(standIn.lastTokenRequest()).isEmpty();
    }

    @Test
    void slowTokenCallsAreCountedOnArrivalAndDoNotBlockOtherRequests() throws Exception {
        String accessToken = client.connect().get("access_token").asText();
        String refreshToken = standIn.issuedRefreshTokens().get(0);
        standIn.resetCounters().delay(java.time.Duration.ofMillis(2000));

        long started = System.nanoTime();
        var slow = client.http.sendAsync(HttpRequest.newBuilder(client.base.resolve("/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(OAuthClient.form(Map.of("grant_type", "refresh_token",
                                "refresh_token", refreshToken, "client_id", DEFAULT_CLIENT_ID,
                                "client_secret", DEFAULT_CLIENT_SECRET))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        waitUntil(() -> standIn.refreshCalls() == 1);
        assertThat(slow).isNotDone();
        assertThat(client.api("/v1/athlete/profile", accessToken).statusCode()).isEqualTo(200);
        assertThat(slow).isNotDone();

        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(1_900_000_000L);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void assertInvalidClient(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_client");
    }

    private static Map<String, String> codeForm(String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", REDIRECT_URI);
        return form;
    }
}
