package com.podium.connect.apiclient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.AccessToken;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.NoTokenStoredException;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenStatus;
import com.podium.connect.token.Tokens;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * A hand-written {@link Tokens} for unit tests: real tokens from the stand-in (authorize, exchange, refresh over
 * HTTP), kept in memory, with counters of what the API client asked for.
 */
final class StandInTokens implements Tokens {

    static final String ATHLETE_SCOPES = "athlete:profile workouts:read metrics:read";
    static final String COACH_SCOPES = "coach:athletes workouts:read metrics:read";
    private static final String REDIRECT_URI = "http://localhost:8501/";

    final AtomicInteger getTokenCalls = new AtomicInteger();
    final AtomicInteger refreshRejectedCalls = new AtomicInteger();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String[]> tokens = new ConcurrentHashMap<>(); // athlete -> {access, refresh}
    private final Map<String, AccountRole> roles = new ConcurrentHashMap<>();

    StandInTokens(TrainingPeaksStandIn standIn) {
        this.base = standIn.baseUri();
    }

    /** Connects the athlete with the athlete scopes. */
    StandInTokens connect(String athleteId) {
        return connect(athleteId, ATHLETE_SCOPES);
    }

    /** Connects a coach (a stand-in coach comes with a roster of three athletes). */
    StandInTokens connectCoach(String coachId) {
        connect(coachId, COACH_SCOPES);
        roles.put(coachId, AccountRole.COACH);
        return this;
    }

    StandInTokens connect(String athleteId, String scope) {
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", TrainingPeaksStandIn.DEFAULT_CLIENT_ID);
        authorize.put("scope", scope);
        authorize.put("redirect_uri", REDIRECT_URI);
        authorize.put("state", "s");
        HttpResponse<String> redirect = send(HttpRequest.newBuilder(base.resolve("/OAuth/Authorize?" + form(authorize)))
            .GET().build());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String code = URI.create(location).getQuery().replaceAll(".*code=([^&]+).*", "$1");
        JsonNode grant = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI));
        tokens.put(athleteId, new String[] {grant.get("access_token").asText(), grant.get("refresh_token").asText()});
        return this;
    }

    String accessTokenOf(String athleteId) {
        return tokens.get(athleteId)[0];
    }

    @Override
    public AccessToken getToken(String athleteId) {
        getTokenCalls.incrementAndGet();
        String[] pair = tokens.get(athleteId);
        if (pair == null) {
            throw new NoTokenStoredException(athleteId);
        }
        return new AccessToken(pair[0], Instant.now().plusSeconds(3600), ATHLETE_SCOPES);
    }

    @Override
    public AccessToken refreshRejected(String athleteId, AccessToken rejected) {
        refreshRejectedCalls.incrementAndGet();
        String[] pair = tokens.get(athleteId);
        if (pair == null) {
            throw new NoTokenStoredException(athleteId);
        }
        JsonNode grant = token(Map.of("grant_type", "refresh_token", "refresh_token", pair[1]));
        tokens.put(athleteId, new String[] {grant.get("access_token").asText(), grant.get("refresh_token").asText()});
        return getToken(athleteId);
    }

    @Override
    public TokenGrant exchangeAuthorizationCode(String code, String codeVerifier) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TokenStatus store(String athleteId, AccountRole role, TokenGrant grant) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TokenStatus> status(String athleteId) {
        if (!tokens.containsKey(athleteId)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return Optional.of(new TokenStatus(athleteId, roles.getOrDefault(athleteId, AccountRole.ATHLETE), null,
                now.plusSeconds(600), now.plusSeconds(540), 1, 0, null, now));
    }

    @Override
    public com.podium.connect.token.DisconnectOutcome disconnect(String athleteId) {
        return tokens.remove(athleteId) == null ? com.podium.connect.token.DisconnectOutcome.NOT_CONNECTED
                : com.podium.connect.token.DisconnectOutcome.DEAUTHORIZED;
    }

    private JsonNode token(Map<String, String> body) {
        Map<String, String> withCredentials = new LinkedHashMap<>(body);
        withCredentials.put("client_id", TrainingPeaksStandIn.DEFAULT_CLIENT_ID);
        withCredentials.put("client_secret", TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET);
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(withCredentials)))
            .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("stand-in token endpoint answered " + response.statusCode());
        }
        try {
            return json.readTree(response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }
}
