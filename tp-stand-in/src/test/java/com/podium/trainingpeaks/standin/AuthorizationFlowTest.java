package com.podium.trainingpeaks.standin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.podium.trainingpeaks.standin.OAuthClient.REDIRECT_URI;
import static com.podium.trainingpeaks.standin.OAuthClient.json;
import static com.podium.trainingpeaks.standin.OAuthClient.location;
import static com.podium.trainingpeaks.standin.OAuthClient.query;
import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationFlowTest extends StandInTest {

    @Test
    void baseUriIsLoopbackWithTheChosenPort() {
        assertThat(standIn.baseUri().toString()).isEqualTo("http://127.0.0.1:" + standIn.port());
        assertThat(standIn.port()).isPositive();
    }

    @Test
    void fullRoundTripFromAuthorizeToEveryApiEndpoint() {
        HttpResponse<String> authorize = client.authorize(Map.of("state", "a b&c=d/é"));
        assertThat(authorize.statusCode()).isEqualTo(302);
        String location = location(authorize);
        assertThat(location).startsWith(REDIRECT_URI + "?code=tpac_");
        assertThat(location).contains("&state=a+b%26c%3Dd%2F%C3%A9");
        Map<String, String> callback = query(location);
        assertThat(callback.get("state")).isEqualTo("a b&c=d/é");

        JsonNode token = client.exchange(callback.get("code"));
        // Shaped like the documented example: "gAAAAMYien..." and "i7ne!IAAA..." (S4), with a '!' to encode.
        assertThat(token.get("access_token").asText()).startsWith("gAAAA").contains("!").hasSizeGreaterThan(40);
        assertThat(token.get("refresh_token").asText()).contains("!IAAA").hasSizeGreaterThan(40);
        assertThat(token.get("token_type").asText()).isEqualTo("bearer");
        assertThat(token.get("expires_in").asLong()).isEqualTo(600);
        assertThat(token.get("scope").asText()).isEqualTo(OAuthClient.ATHLETE_SCOPES);
        String accessToken = token.get("access_token").asText();

        JsonNode profile = json(client.api("/v1/athlete/profile", accessToken));
        assertThat(profile.get("Id").asLong()).isEqualTo(1001);
        assertThat(profile.get("FirstName").asText()).isEqualTo("Ada");
        assertThat(profile.get("LastName").asText()).isEqualTo("Lovelace");
        assertThat(profile.get("Email").asText()).isEqualTo("athlete1001@example.test");
        assertThat(profile.get("TimeZone").asText()).isEqualTo("Europe/London");
        assertThat(profile.get("IsPremium").asBoolean()).isTrue();
        assertThat(profile.fieldNames()).toIterable().containsExactly("Id", "FirstName", "LastName", "Email",
                "TimeZone", "BirthMonth", "Sex", "CoachedBy", "Weight", "IsPremium", "PreferredUnits");

        HttpResponse<String> workoutsResponse = client.api("/v2/workouts/2026-11-01/2026-11-22", accessToken);
        assertThat(workoutsResponse.statusCode()).isEqualTo(200);
        assertThat(workoutsResponse.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode workouts = json(workoutsResponse);
        assertThat(workouts).hasSizeGreaterThan(10);
        JsonNode first = workouts.get(0);
        assertThat(first.get("AthleteId").asLong()).isEqualTo(1001);
        assertThat(first.get("WorkoutDay").asText()).matches("2026-11-\\d\\dT00:00:00");
        assertThat(first.get("WorkoutType").asText()).isIn("Run", "Bike", "Swim", "Strength");
        assertThat(first.get("Completed").isBoolean()).isTrue();
        assertThat(first.has("Description")).isFalse();

        JsonNode detail = json(client.api("/v2/workouts/id/" + first.get("Id").asLong(), accessToken));
        assertThat(detail).isEqualTo(first);

        JsonNode metrics = json(client.api("/v2/metrics/2026-11-20/2026-11-21", accessToken));
        assertThat(metrics).hasSizeGreaterThanOrEqualTo(2);
        assertThat(metrics.get(0).get("DateTime").asText()).startsWith("2026-11-20T06:");
        assertThat(metrics.get(0).get("Pulse").isInt()).isTrue();

        assertThat(client.api("/v1/coach/athletes", accessToken).statusCode()).isEqualTo(403);

        assertThat(standIn.athletes()).extracting(Athlete::id).containsExactly(1001L);
        assertThat(standIn.issuedAccessTokens()).containsExactly(accessToken);
    }

    @Test
    void onlyTheOneRegisteredRedirectUriIsAcceptedExactly() {
        for (String other : new String[] {"http://localhost:8501", "http://localhost:8501/?x=1", "http://LOCALHOST:8501/",
                "http://localhost:8080/connect/trainingpeaks/callback"}) {
            HttpResponse<String> response = client.authorize(Map.of("redirect_uri", other));
            assertThat(response.statusCode()).as(other).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).as(other).isEmpty();
            assertThat(response.body()).contains("Invalid Redirect URI");
        }
    }

    @Test
    void aRegisteredRedirectUriWithQueryGetsParametersAppendedWithAmpersand() {
        String redirect = "http://localhost:8080/cb?tenant=7";
        standIn.registerClient("tenant-client", "tenant-secret", redirect);
        HttpResponse<String> response = client.authorize(Map.of("client_id", "tenant-client", "redirect_uri", redirect,
                "state", "xyz"));
        assertThat(location(response)).matches(Pattern.quote(redirect) + "&code=tpac_[A-Za-z0-9_-]+&state=xyz");
    }

    @Test
    void athleteProfileAndCoachAthletesAreRefusedTogether() {
        HttpResponse<String> response = client.authorize(Map.of("scope", "athlete:profile coach:athletes workouts:read"));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(query(location(response))).containsEntry("error", "invalid_scope").containsEntry("state", "st-1")
                .doesNotContainKey("code");
        assertThat(standIn.athletes()).isEmpty();
    }

    @Test
    void codesLiveSixtyMinutes() {
        assertThat(AuthorizationCodes.LIFETIME).isEqualTo(java.time.Duration.ofMinutes(60));
    }

    @Test
    void unknownClientGetsAnHtmlErrorAndNoRedirect() {
        HttpResponse<String> response = client.authorize(Map.of("client_id", "someone-else"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("Invalid client");
    }

    @Test
    void consentPageOffersApproveAndDenyThatCarryTheRequest() {
        standIn.autoApprove(false);
        HttpResponse<String> page = client.authorize(Map.of("state", "s-42"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains(">Approve<").contains(">Deny<");

        HttpResponse<String> denied = client.get(href(page.body(), "deny"));
        assertThat(denied.statusCode()).isEqualTo(302);
        Map<String, String> deniedParams = query(location(denied));
        assertThat(deniedParams).containsEntry("error", "access_denied").containsEntry("state", "s-42")
                .containsKey("error_description").doesNotContainKey("code");

        HttpResponse<String> approved = client.get(href(page.body(), "approve"));
        assertThat(approved.statusCode()).isEqualTo(302);
        Map<String, String> approvedParams = query(location(approved));
        assertThat(approvedParams).containsEntry("state", "s-42");
        assertThat(client.exchange(approvedParams.get("code")).get("scope").asText()).isEqualTo(OAuthClient.ATHLETE_SCOPES);
    }

    @Test
    void denyNextAuthorizationDeniesExactlyOnce() {
        standIn.denyNextAuthorization();
        Map<String, String> denied = query(location(client.authorize(Map.of())));
        assertThat(denied).containsEntry("error", "access_denied").containsEntry("state", "st-1");
        Map<String, String> next = query(location(client.authorize(Map.of())));
        assertThat(next).containsKey("code").doesNotContainKey("error");
    }

    @Test
    void eachApprovalCreatesAnAthleteUnlessTheLoginHintIsKnown() {
        long first = profileId(client.exchange(client.authorizeCode(Map.of("login_hint", "ada"))));
        long second = profileId(client.exchange(client.authorizeCode(Map.of())));
        long again = profileId(client.exchange(client.authorizeCode(Map.of("login_hint", "ada"))));
        assertThat(first).isEqualTo(1001);
        assertThat(second).isEqualTo(1002);
        assertThat(again).isEqualTo(1001);
    }

    @Test
    void grantedScopeIsTheRequestedScope() {
        JsonNode token = client.exchange(client.authorizeCode(Map.of("scope", "athlete:profile")));
        assertThat(token.get("scope").asText()).isEqualTo("athlete:profile");
        String accessToken = token.get("access_token").asText();
        assertThat(client.api("/v1/athlete/profile", accessToken).statusCode()).isEqualTo(200);
        HttpResponse<String> forbidden = client.api("/v2/workouts/2026-11-20/2026-11-20", accessToken);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json(forbidden).get("error").asText()).isEqualTo("insufficient_scope");
    }

    @Test
    void codesAreSingleUse() {
        String code = client.authorizeCode(Map.of());
        client.exchange(code);
        HttpResponse<String> reuse = client.token(Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI));
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(json(reuse).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void codeIsBoundToRedirectUriAndClient() {
        HttpResponse<String> mismatch = client.token(Map.of("grant_type", "authorization_code",
                "code", client.authorizeCode(Map.of()), "redirect_uri", REDIRECT_URI + "other"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(json(mismatch).get("error").asText()).isEqualTo("invalid_grant");

        standIn.registerClient("other-client", "other-secret");
        HttpResponse<String> otherClient = client.postForm("/oauth/token", Map.of("grant_type", "authorization_code",
                        "code", client.authorizeCode(Map.of()), "redirect_uri", REDIRECT_URI,
                        "client_id", "other-client", "client_secret", "other-secret"), null);
        assertThat(otherClient.statusCode()).isEqualTo(400);
        assertThat(json(otherClient).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void pkceS256VerifierMustMatchTheChallenge() {
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 appendix B
        Map<String, String> pkce = Map.of("code_challenge", challenge, "code_challenge_method", "S256");

        HttpResponse<String> ok = client.token(Map.of("grant_type", "authorization_code",
                "code", client.authorizeCode(pkce), "redirect_uri", REDIRECT_URI, "code_verifier", verifier));
        assertThat(ok.statusCode()).isEqualTo(200);

        HttpResponse<String> wrong = client.token(Map.of("grant_type", "authorization_code",
                "code", client.authorizeCode(pkce), "redirect_uri", REDIRECT_URI,
                "code_verifier", verifier.replace('d', 'e')));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(wrong).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(json(wrong).get("error_description").asText()).contains("PKCE");

        HttpResponse<String> missing = client.token(Map.of("grant_type", "authorization_code",
                "code", client.authorizeCode(pkce), "redirect_uri", REDIRECT_URI));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("error").asText()).isEqualTo("invalid_grant");
    }

    private long profileId(JsonNode token) {
        return json(client.api("/v1/athlete/profile", token.get("access_token").asText())).get("Id").asLong();
    }

    private static String href(String html, String id) {
        Matcher matcher = Pattern.compile("id=\"" + id + "\"[^>]*href=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("link " + id).isTrue();
        return matcher.group(1).replace("&amp;", "&");
    }
}
