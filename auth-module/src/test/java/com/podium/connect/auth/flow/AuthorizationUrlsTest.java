package com.podium.connect.auth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TrainingPeaksProperties;

class AuthorizationUrlsTest {

    static final TrainingPeaksProperties TP = new TrainingPeaksProperties("podium-client", "secret",
            URI.create("https://oauth.sandbox.trainingpeaks.com"), URI.create("https://api.sandbox.trainingpeaks.com"),
            URI.create("http://localhost:8501/"), TrainingPeaksProperties.ClientAuthentication.CLIENT_SECRET_BASIC);

    static AuthProperties defaults() {
        return new AuthProperties(false, Duration.ofMinutes(10), new AuthProperties.Scopes(
                "athlete:profile workouts:read metrics:read",
                "coach:athletes workouts:read metrics:read"));
    }

    final AuthorizationUrls urls = new AuthorizationUrls(TP, defaults());

    @Test
    void athleteUrlAsksForAthleteScopesAtTheAuthorizeEndpoint() {
        URI url = urls.authorizationUrl(AccountRole.ATHLETE, "the-state", null);

        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath())
            .isEqualTo("https://oauth.sandbox.trainingpeaks.com/OAuth/Authorize");
        assertThat(query(url)).containsExactly(
                Map.entry("response_type", "code"),
                Map.entry("client_id", "podium-client"),
                Map.entry("scope", "athlete:profile workouts:read metrics:read"),
                Map.entry("redirect_uri", "http://localhost:8501/"),
                Map.entry("state", "the-state"));
    }

    @Test
    void coachUrlAsksForCoachScopes() {
        assertThat(query(urls.authorizationUrl(AccountRole.COACH, "s", null)))
            .containsEntry("scope", "coach:athletes workouts:read metrics:read");
    }

    @Test
    void scopesAreConfigurablePerRole() {
        AuthorizationUrls custom = new AuthorizationUrls(TP,
                new AuthProperties(false, Duration.ofMinutes(10), new AuthProperties.Scopes("athlete:profile", "coach:athletes")));

        assertThat(query(custom.authorizationUrl(AccountRole.ATHLETE, "s", null))).containsEntry("scope", "athlete:profile");
        assertThat(query(custom.authorizationUrl(AccountRole.COACH, "s", null))).containsEntry("scope", "coach:athletes");
    }

    @Test
    void everyValueIsPercentEncoded() {
        String raw = urls.authorizationUrl(AccountRole.ATHLETE, "a+b&c=d", null).getRawQuery();

        assertThat(raw).contains("scope=athlete%3Aprofile%20workouts%3Aread%20metrics%3Aread")
            .contains("redirect_uri=http%3A%2F%2Flocalhost%3A8501%2F")
            .contains("state=a%2Bb%26c%3Dd")
            .doesNotContain(" ");
    }

    @Test
    void pkceAddsAnS256ChallengeButNeverTheVerifier() {
        String verifier = Secrets.randomUrlSafe();
        URI url = urls.authorizationUrl(AccountRole.ATHLETE, "s", Secrets.s256Challenge(verifier));

        assertThat(query(url)).containsEntry("code_challenge", Secrets.s256Challenge(verifier))
            .containsEntry("code_challenge_method", "S256");
        assertThat(url.toString()).doesNotContain(verifier);
    }

    @Test
    void withoutPkceThereIsNoChallenge() {
        assertThat(query(urls.authorizationUrl(AccountRole.ATHLETE, "s", null)))
            .doesNotContainKeys("code_challenge", "code_challenge_method");
    }

    static Map<String, String> query(URI url) {
        Map<String, String> decoded = new LinkedHashMap<>();
        UriComponentsBuilder.fromUri(url).build().getQueryParams().forEach((key, values) -> decoded.put(key,
                java.net.URLDecoder.decode(values.get(0), java.nio.charset.StandardCharsets.UTF_8)));
        return decoded;
    }
}
