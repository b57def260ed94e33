package com.podium.trainingpeaks.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny OAuth client over java.net.http, playing the app's part against a running stand-in. */
final class OAuthClient {

    static final String REDIRECT_URI = TrainingPeaksStandIn.DEFAULT_REDIRECT_URI;
    static final String ATHLETE_SCOPES = "athlete:profile workouts:read metrics:read";
    static final String COACH_SCOPES = "coach:athletes workouts:read metrics:read";
    static final String USER_AGENT = "StandInTest/1.0";
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final URI base;

    OAuthClient(TrainingPeaksStandIn standIn) {
        this.base = standIn.baseUri();
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build());
    }

    HttpResponse<String> api(String path, String accessToken) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .GET().build());
    }

    HttpResponse<String> authorize(Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", TrainingPeaksStandIn.DEFAULT_CLIENT_ID);
        params.put("scope", ATHLETE_SCOPES);
        params.put("redirect_uri", REDIRECT_URI);
        params.put("state", "st-1");
        params.putAll(extra);
        return get("/OAuth/Authorize?" + form(params));
    }

    /** Authorize (auto-approved) and return the code from the redirect. */
    String authorizeCode(Map<String, String> extra) {
        HttpResponse<String> response = authorize(extra);
        assertThat(response.statusCode()).isEqualTo(302);
        return query(location(response)).get("code");
    }

    HttpResponse<String> postForm(String path, Map<String, String> form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** Token call with the client credentials in the POST body, as TrainingPeaks requires (S1). */
    HttpResponse<String> token(Map<String, String> form) {
        Map<String, String> withCredentials = new LinkedHashMap<>(form);
        withCredentials.put("client_id", TrainingPeaksStandIn.DEFAULT_CLIENT_ID);
        withCredentials.put("client_secret", TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET);
        return postForm("/oauth/token", withCredentials, null);
    }

    /** Token call with HTTP Basic client authentication only. */
    HttpResponse<String> tokenWithBasic(Map<String, String> form) {
        return postForm("/oauth/token", form, basic(TrainingPeaksStandIn.DEFAULT_CLIENT_ID,
                TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET));
    }

    JsonNode exchange(String code) {
        HttpResponse<String> response = token(Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Full connect: authorize, then exchange the code. */
    JsonNode connect() {
        return exchange(authorizeCode(Map.of()));
    }

    /** Connects a coach (the grant carries coach:athletes), who comes with a roster. */
    JsonNode connectCoach() {
        return exchange(authorizeCode(Map.of("scope", COACH_SCOPES)));
    }

    String accessToken(JsonNode tokenAnswer) {
        return tokenAnswer.get("access_token").asText();
    }

    HttpResponse<String> refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    static Map<String, String> query(String uri) {
        return FormCodec.decode(URI.create(uri).getRawQuery());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
