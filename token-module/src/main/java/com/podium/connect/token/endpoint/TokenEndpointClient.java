package com.podium.connect.token.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenEndpointException.Operation;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenProperties;
import com.podium.connect.token.TrainingPeaksProperties;
import com.podium.connect.token.TrainingPeaksProperties.ClientAuthentication;

/**
 * The three calls we make to TrainingPeaks' OAuth server: code exchange, refresh, deauthorize. Plain form POSTs,
 * the same code path for the real service and the stand-in.
 * <p>
 * Every failure becomes a {@link TokenEndpointException} that says what happened (HTTP status, the provider's
 * {@code error}, or a sanitised snippet of a non-JSON body) and whether trying again later can help.
 */
@Component
public class TokenEndpointClient {

    private static final String USER_AGENT = "PodiumConnect/0.1 (+token-module)";

    private final TrainingPeaksProperties registration;
    private final TokenProperties settings;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;

    public TokenEndpointClient(TrainingPeaksProperties registration, TokenProperties settings, ObjectMapper json,
            Clock clock) {
        this.registration = registration;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    public TokenGrant exchange(String code, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", registration.redirectUri().toString());
        if (codeVerifier != null) {
            form.put("code_verifier", codeVerifier);
        }
        return grant(Operation.EXCHANGE, null, form, null);
    }

    /**
     * @param currentRefreshToken kept in the result when TrainingPeaks does not rotate it
     */
    public TokenGrant refresh(String athleteId, String currentRefreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", currentRefreshToken);
        return grant(Operation.REFRESH, athleteId, form, currentRefreshToken);
    }

    /** Asks TrainingPeaks to revoke our access for the token's user. */
    public void deauthorize(String athleteId, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(registration.deauthorizeEndpoint())
            .timeout(settings.readTimeout())
            .header("Authorization", "Bearer " + accessToken)
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
        HttpResponse<String> response = send(Operation.DEAUTHORIZE, athleteId, request);
        if (response.statusCode() / 100 != 2) {
            throw failure(Operation.DEAUTHORIZE, athleteId, response, accessToken);
        }
    }

    private TokenGrant grant(Operation operation, String athleteId, Map<String, String> form,
            String currentRefreshToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(registration.tokenEndpoint())
            .timeout(settings.readTimeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT);
        authenticate(request, form);
        HttpResponse<String> response = send(operation, athleteId,
                request.POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
        Instant receivedAt = clock.instant();
        String[] secrets = { form.get("refresh_token"), form.get("code"), form.get("code_verifier"),
                registration.clientSecret() };
        if (response.statusCode() != 200) {
            throw failure(operation, athleteId, response, secrets);
        }
        JsonNode body = parseJson(response.body());
        if (body == null || !body.isObject()) {
            throw new TokenEndpointException(operation, athleteId, 200, "non_json_body",
                    Snippets.of(response.body(), secrets), true, null);
        }
        String accessToken = text(body, "access_token");
        if (accessToken == null) {
            throw new TokenEndpointException(operation, athleteId, 200, "invalid_token_response",
                    "the answer has no access_token", true, null);
        }
        long expiresIn = body.path("expires_in").asLong(0);
        if (expiresIn <= 0) {
            throw new TokenEndpointException(operation, athleteId, 200, "invalid_token_response",
                    "the answer has no positive expires_in", true, null);
        }
        String refreshToken = text(body, "refresh_token");
        // No refresh token in the answer means "keep using the one you have" (RFC 6749 6).
        return new TokenGrant(accessToken, refreshToken != null ? refreshToken : currentRefreshToken, receivedAt,
                receivedAt.plusSeconds(expiresIn), text(body, "scope"));
    }

    private void authenticate(HttpRequest.Builder request, Map<String, String> form) {
        if (registration.clientAuthentication() == ClientAuthentication.CLIENT_SECRET_BASIC) {
            String credentials = urlEncode(registration.clientId()) + ":" + urlEncode(registration.clientSecret());
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        else {
            form.put("client_id", registration.clientId());
            form.put("client_secret", registration.clientSecret());
        }
    }

    private HttpResponse<String> send(Operation operation, String athleteId, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (HttpConnectTimeoutException e) {
            throw new TokenEndpointException(operation, athleteId, null, "connect_timeout",
                    "no connection to " + request.uri().getHost() + " within " + settings.connectTimeout(), true, e);
        }
        catch (HttpTimeoutException e) {
            throw new TokenEndpointException(operation, athleteId, null, "timeout",
                    "no answer from " + request.uri().getHost() + " within " + settings.readTimeout(), true, e);
        }
        catch (IOException e) {
            throw new TokenEndpointException(operation, athleteId, null, "connection_failed",
                    e.getClass().getSimpleName() + " talking to " + request.uri().getHost(), true, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenEndpointException(operation, athleteId, null, "interrupted", "interrupted", true, e);
        }
    }

    /**
     * Classifies an error answer. Terminal: a JSON OAuth error on 400/401 (the grant was rejected). Transient:
     * 429, 5xx, any non-JSON body (typically a proxy's HTML page). {@code invalid_client} is our own
     * misconfiguration, not the user's grant: it is reported as non-terminal so it never revokes users' tokens.
     */
    private TokenEndpointException failure(Operation operation, String athleteId, HttpResponse<String> response,
            String... secrets) {
        int status = response.statusCode();
        JsonNode body = parseJson(response.body());
        if (body == null || !body.isObject()) {
            return new TokenEndpointException(operation, athleteId, status, "non_json_body",
                    Snippets.of(response.body(), secrets), true, null);
        }
        String error = text(body, "error");
        String description = Snippets.of(text(body, "error_description"), secrets);
        String code = error != null ? error : "http_" + status;
        boolean clientMisconfigured = "invalid_client".equals(error) || "unauthorized_client".equals(error);
        boolean rejected = (status == 400 || status == 401) && !clientMisconfigured;
        return new TokenEndpointException(operation, athleteId, status, code, description, !rejected, null);
    }

    private JsonNode parseJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        }
        catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
            .collect(Collectors.joining("&"));
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** For tests and diagnostics: where the calls go. */
    public URI tokenEndpoint() {
        return registration.tokenEndpoint();
    }
}
