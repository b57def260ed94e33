package com.podium.trainingpeaks.standin;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How token-endpoint answers are shaped when TrainingPeaks' documentation is silent. Each knob plays one answer a
 * server may legally (or plausibly) give, so the product can be tested against all of them
 * (docs/research trainingpeaks-api.md §6: token-endpoint error classes and bodies are unconfirmed; RFC 6749 5.1
 * only RECOMMENDS expires_in and makes scope OPTIONAL when it equals the request; RFC 6749 7.1 allows other token
 * types; RFC 6749 puts no limit on a scope's length).
 * <p>
 * Defaults reproduce the documented answer unchanged.
 */
final class TokenAnswerShape {

    /** Fields left out of successful answers (e.g. {@code expires_in}, {@code scope}). */
    final Set<String> omittedFields = ConcurrentHashMap.newKeySet();
    /** Replaces the granted scope in answers, or null. */
    volatile String scope;
    /** {@code token_type} of answers. */
    volatile String tokenType = "bearer";
    /** Extra bytes in a {@code padding} field of successful answers (still valid JSON), streamed without a length. */
    volatile long paddingBytes;
    /** Pause between 16-byte chunks of a successful answer's body, headers sent at once; zero sends it whole. */
    volatile Duration trickle = Duration.ZERO;
    /** {@code Retry-After} seconds on injected 503 answers of the token endpoint, or null for none. */
    volatile Long retryAfterSeconds;
    volatile TrainingPeaksStandIn.ClientAuthFailure clientAuthFailure = TrainingPeaksStandIn.ClientAuthFailure.INVALID_CLIENT_401;

    void reset() {
        omittedFields.clear();
        scope = null;
        tokenType = "bearer";
        paddingBytes = 0;
        trickle = Duration.ZERO;
        retryAfterSeconds = null;
        clientAuthFailure = TrainingPeaksStandIn.ClientAuthFailure.INVALID_CLIENT_401;
    }

    Map<String, Object> snapshot() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("omittedFields", Set.copyOf(omittedFields));
        json.put("scopeOverrideLength", scope == null ? null : scope.length());
        json.put("tokenType", tokenType);
        json.put("paddingBytes", paddingBytes);
        json.put("trickleMillis", trickle.toMillis());
        json.put("retryAfterSeconds", retryAfterSeconds);
        json.put("clientAuthFailure", clientAuthFailure.name());
        return json;
    }

    /** Writes a successful token answer shaped by the knobs. */
    void write(HttpExchange exchange, Map<String, Object> answer) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>(answer);
        body.put("token_type", tokenType);
        if (scope != null) {
            body.put("scope", scope);
        }
        body.keySet().removeAll(omittedFields);
        long padding = paddingBytes;
        Duration pause = trickle;
        if (padding == 0 && pause.isZero()) {
            Responses.tokenJson(exchange, body);
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse it by
        byte[] json = Responses.JSON.writeValueAsBytes(body);
        try (OutputStream out = exchange.getResponseBody()) {
            if (padding > 0) {
                out.write("{\"padding\":\"".getBytes(StandardCharsets.US_ASCII));
                byte[] block = new byte[64 * 1024];
                Arrays.fill(block, (byte) 'x');
                for (long left = padding; left > 0; left -= block.length) {
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
                out.write("\",".getBytes(StandardCharsets.US_ASCII));
                json = Arrays.copyOfRange(json, 1, json.length); // the rest of the object, without its '{'
            }
            for (int from = 0; from < json.length; from += 16) {
                out.write(json, from, Math.min(16, json.length - from));
                out.flush();
                if (!pause.isZero()) {
                    sleep(pause);
                }
            }
        }
    }

    /** Answers a request whose client authentication failed, the way {@link #clientAuthFailure} says. */
    void clientAuthenticationFailed(HttpExchange exchange, boolean basic) throws IOException {
        switch (clientAuthFailure) {
            case INVALID_CLIENT_401 -> {
                if (basic) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"TrainingPeaks\"");
                }
                Responses.oauthError(exchange, 401, "invalid_client", "Client authentication failed");
            }
            case INVALID_REQUEST_400 -> Responses.oauthError(exchange, 400, "invalid_request",
                    "Incorrect client_secret");
            case HTML_400 -> Responses.html(exchange, 400,
                    "<html><head><title>Bad Request</title></head><body><h1>Bad Request</h1></body></html>");
        }
    }

    private static void sleep(Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while trickling", e);
        }
    }
}
