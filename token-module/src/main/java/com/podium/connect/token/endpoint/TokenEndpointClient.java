package com.podium.connect.token.endpoint;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenEndpointException.Kind;
import com.podium.connect.token.TokenEndpointException.Operation;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenProperties;
import com.podium.connect.token.TokenResponseTooLargeException;
import com.podium.connect.token.TrainingPeaksProperties;
import com.podium.connect.token.TrainingPeaksProperties.ClientAuthentication;

/**
 * The three calls we make to TrainingPeaks' OAuth server: code exchange, refresh, deauthorize. Plain form POSTs,
 * the same code path for the real service and the stand-in.
 * <p>
 * Every call has one hard deadline covering connect, headers and body ({@code call-timeout}) and a size cap on the
 * answer ({@code max-response-size}). Every failure becomes a {@link TokenEndpointException} that says what happened
 * (HTTP status, the provider's {@code error}, a sanitised description or body snippet) and whose problem it is
 * ({@link Kind}): only {@code invalid_grant} blames the user's grant.
 */
@Component
public class TokenEndpointClient {

    private static final Logger log = LoggerFactory.getLogger(TokenEndpointClient.class);
    private static final String USER_AGENT = "PodiumConnect/0.1 (+token-module)";
    private static final String FORM_UTF8 = "application/x-www-form-urlencoded; charset=UTF-8";

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
        return exchange(code, codeVerifier, null);
    }

    /**
     * @param requestedScope the scope asked for at authorization: what was granted when the answer has no
     *        {@code scope} (RFC 6749 5.1)
     */
    public TokenGrant exchange(String code, String codeVerifier, String requestedScope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", registration.redirectUri().toString());
        if (codeVerifier != null) {
            form.put("code_verifier", codeVerifier);
        }
        return grant(Operation.EXCHANGE, null, form, null, requestedScope);
    }

    /**
     * @param currentRefreshToken kept in the result when TrainingPeaks does not rotate it
     * @param currentScope the grant's scope: a refresh answer without {@code scope} keeps it (RFC 6749 5.1, 6)
     */
    public TokenGrant refresh(String athleteId, String currentRefreshToken, String currentScope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", currentRefreshToken);
        return grant(Operation.REFRESH, athleteId, form, currentRefreshToken, currentScope);
    }

    public TokenGrant refresh(String athleteId, String currentRefreshToken) {
        return refresh(athleteId, currentRefreshToken, null);
    }

    /** Asks TrainingPeaks to revoke our access for the token's user. */
    public void deauthorize(String athleteId, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(registration.deauthorizeEndpoint())
            .timeout(settings.callTimeout())
            .header("Authorization", "Bearer " + accessToken)
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
        Answer answer = send(Operation.DEAUTHORIZE, athleteId, request);
        if (answer.status() / 100 != 2) {
            throw failure(Operation.DEAUTHORIZE, athleteId, answer, accessToken);
        }
    }

    private TokenGrant grant(Operation operation, String athleteId, Map<String, String> form,
            String currentRefreshToken, String fallbackScope) {
        // The client's own timeout (headers only) must not end a refresh call we still listen to after the deadline.
        HttpRequest.Builder request = HttpRequest.newBuilder(registration.tokenEndpoint())
            .timeout(operation == Operation.REFRESH ? settings.lateAnswerLimit() : settings.callTimeout())
            .header("Content-Type", FORM_UTF8)
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT);
        authenticate(request, form);
        // Expiry counts from before the request: the token may have been issued the moment it arrived.
        Instant requestedAt = clock.instant();
        String[] secrets = { form.get("refresh_token"), form.get("code"), form.get("code_verifier"),
                registration.clientSecret() };
        Function<Answer, TokenGrant> read = answer -> grantOf(operation, athleteId, answer, secrets,
                currentRefreshToken, fallbackScope, requestedAt);
        // Only a refresh answer may arrive late: a code exchange's caller (the browser) is gone by then.
        Answer answer = send(operation, athleteId,
                request.POST(HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8)).build(),
                operation == Operation.REFRESH ? read : null);
        return read.apply(answer);
    }

    private TokenGrant grantOf(Operation operation, String athleteId, Answer answer, String[] secrets,
            String currentRefreshToken, String fallbackScope, Instant requestedAt) {
        if (answer.status() != 200) {
            throw failure(operation, athleteId, answer, secrets);
        }
        JsonNode body = parseJson(answer.body());
        if (body == null || !body.isObject()) {
            throw new TokenEndpointException(operation, athleteId, 200, "non_json_body",
                    Snippets.of(answer.body(), secrets), Kind.OUTCOME_UNKNOWN, null, null);
        }
        String accessToken = text(body, "access_token");
        if (accessToken == null) {
            throw new TokenEndpointException(operation, athleteId, 200, "invalid_token_response",
                    "the answer has no access_token", Kind.OUTCOME_UNKNOWN, null, null);
        }
        String tokenType = text(body, "token_type");
        if (tokenType != null && !tokenType.equalsIgnoreCase("bearer")) {
            // RFC 6749 7.1: a token of a type we do not understand must not be sent as a bearer token.
            throw new TokenEndpointException(operation, athleteId, 200, "unsupported_token_type",
                    "token_type " + Snippets.of(tokenType) + " is not bearer", Kind.CLIENT_REJECTED, null, null);
        }
        String refreshToken = text(body, "refresh_token");
        String scope = text(body, "scope");
        // No refresh token in the answer means "keep using the one you have" (RFC 6749 6); no scope means "as
        // requested" (5.1).
        return new TokenGrant(accessToken, refreshToken != null ? refreshToken : currentRefreshToken, requestedAt,
                requestedAt.plus(lifetime(body, operation, athleteId)), scope != null ? scope : fallbackScope);
    }

    /** {@code expires_in}, or the documented default lifetime when it is absent or unusable (RFC 6749 5.1). */
    private Duration lifetime(JsonNode body, Operation operation, String athleteId) {
        JsonNode value = body.get("expires_in");
        long seconds = value == null || value.isNull() ? 0 : value.asLong(0);
        if (seconds > 0) {
            return Duration.ofSeconds(seconds);
        }
        log.atInfo().addKeyValue("athleteId", athleteId).addKeyValue("operation", operation)
            .addKeyValue("defaultLifetime", settings.defaultLifetime())
            .log("{} answer has no usable expires_in; assuming the default lifetime {}", operation.label(),
                    settings.defaultLifetime());
        return settings.defaultLifetime();
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

    /** One answer read in full, within the deadline and the size cap. */
    private record Answer(int status, HttpHeaders headers, String body) {
    }

    private Answer send(Operation operation, String athleteId, HttpRequest request) {
        return send(operation, athleteId, request, null);
    }

    /**
     * @param lateRead for a call whose answer is worth having after the deadline: how to read it. The call then
     *        goes on until {@code late-answer-limit} and the deadline throws {@link AnswerOverdueException}.
     */
    private Answer send(Operation operation, String athleteId, HttpRequest request,
            Function<Answer, TokenGrant> lateRead) {
        long limit = settings.maxResponseSize().toBytes();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, CappedBody.handler(limit));
        String host = request.uri().getHost();
        try {
            return answerOf(call.get(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        catch (TimeoutException e) {
            Duration lateWindow = settings.lateAnswerLimit().minus(settings.callTimeout());
            if (lateRead != null && !lateWindow.isNegative() && !lateWindow.isZero()) {
                CompletableFuture<TokenGrant> late = call.orTimeout(lateWindow.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((response, failure) -> {
                        if (failure != null) {
                            call.cancel(true);
                            throw callFailure(operation, athleteId, host, unwrap(failure), limit,
                                    settings.lateAnswerLimit());
                        }
                        return lateRead.apply(answerOf(response));
                    });
                throw new AnswerOverdueException(operation, athleteId, "no complete answer from " + host
                        + " within " + settings.callTimeout() + "; still listening until "
                        + settings.lateAnswerLimit(), late);
            }
            call.cancel(true);
            throw callFailure(operation, athleteId, host, e, limit, settings.callTimeout());
        }
        catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new TokenEndpointException(operation, athleteId, null, "interrupted", "interrupted",
                    Kind.OUTCOME_UNKNOWN, null, e);
        }
        catch (ExecutionException e) {
            throw callFailure(operation, athleteId, host, e.getCause(), limit, settings.callTimeout());
        }
    }

    private static Answer answerOf(HttpResponse<byte[]> response) {
        return new Answer(response.statusCode(), response.headers(), new String(response.body(), StandardCharsets.UTF_8));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
    }

    /** A call that brought no answer: what happened, and whether TrainingPeaks may have acted on it. */
    private static TokenEndpointException callFailure(Operation operation, String athleteId, String host,
            Throwable cause, long limit, Duration waited) {
        if (cause instanceof TokenEndpointException answered) {
            return answered;
        }
        if (cause instanceof TimeoutException) {
            return new TokenEndpointException(operation, athleteId, null, "timeout",
                    "no complete answer from " + host + " within " + waited, Kind.OUTCOME_UNKNOWN, null, cause);
        }
        if (cause instanceof CappedBody.TooLarge) {
            return new TokenResponseTooLargeException(operation, athleteId, null, limit);
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            // Nothing was sent: TrainingPeaks cannot have acted on it.
            return new TokenEndpointException(operation, athleteId, null, "connection_failed",
                    "no connection to " + host + ": " + cause.getClass().getSimpleName(), Kind.UNAVAILABLE, null,
                    cause);
        }
        String code = cause instanceof java.net.http.HttpTimeoutException ? "timeout" : "connection_failed";
        return new TokenEndpointException(operation, athleteId, null, code,
                (cause instanceof IOException ? cause.getClass().getSimpleName() : "error") + " talking to " + host,
                Kind.OUTCOME_UNKNOWN, null, cause);
    }

    /**
     * Classifies an error answer. {@code invalid_grant} is the only verdict on the user's grant. 429 and 5xx mean
     * TrainingPeaks cannot answer now. Everything else on 3xx/4xx — other OAuth errors, unknown codes, an HTML page —
     * says our request or our client was refused: it must never revoke users.
     */
    private TokenEndpointException failure(Operation operation, String athleteId, Answer answer, String... secrets) {
        int status = answer.status();
        Duration retryAfter = status == 503 || status == 429 ? retryAfter(answer.headers()) : null;
        Kind kind = status == 429 || status >= 500 ? Kind.UNAVAILABLE
                : status / 100 == 2 ? Kind.OUTCOME_UNKNOWN : Kind.CLIENT_REJECTED;
        JsonNode body = parseJson(answer.body());
        if (body == null || !body.isObject()) {
            return new TokenEndpointException(operation, athleteId, status, "non_json_body",
                    Snippets.of(answer.body(), secrets), kind, retryAfter, null);
        }
        String error = text(body, "error");
        if ("invalid_grant".equals(error) && (status == 400 || status == 401)) {
            kind = Kind.GRANT_REJECTED;
        }
        String description = text(body, "error_description");
        String uri = text(body, "error_uri");
        String detail = description == null && uri == null ? null
                : Snippets.of((description != null ? description : "") + (uri != null ? " (" + uri + ")" : ""),
                        secrets);
        return new TokenEndpointException(operation, athleteId, status, error != null ? Snippets.code(error) : "http_" + status,
                detail, kind, retryAfter, null);
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date (RFC 9110 10.2.3); null when absent or unreadable. */
    private Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").map(String::strip).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        }
        catch (NumberFormatException e) {
            try {
                Duration wait = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            }
            catch (DateTimeParseException notADate) {
                return null;
            }
        }
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
