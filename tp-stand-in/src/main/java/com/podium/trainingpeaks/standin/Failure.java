package com.podium.trainingpeaks.standin;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Map;

/**
 * Ways the real provider misbehaves in production, armed with
 * {@link TrainingPeaksStandIn#failNextTokenCalls} / {@link TrainingPeaksStandIn#failNextApiCalls}.
 */
public enum Failure {
    /** What TrainingPeaks' nginx front answers when the backend is down: HTML, not JSON. */
    HTML_502,
    /** 503 with a JSON {@code temporarily_unavailable} error. */
    SERVICE_UNAVAILABLE_503,
    /** 429 with {@code Retry-After: 1}. */
    TOO_MANY_REQUESTS_429,
    /** 400 {@code invalid_grant}, as if the grant had been revoked. */
    INVALID_GRANT_400,
    /** 401 although the credentials are fine (API: {@code invalid_token}; token endpoint: {@code invalid_client}). */
    UNAUTHORIZED_401,
    /** 400 {@code invalid_request} (RFC 6749 5.2): the request was malformed, e.g. by a proxy. */
    INVALID_REQUEST_400,
    /** 400 {@code unauthorized_client} (RFC 6749 5.2). */
    UNAUTHORIZED_CLIENT_400,
    /** 400 {@code invalid_scope} (RFC 6749 5.2). */
    INVALID_SCOPE_400,
    /** 400 {@code unsupported_grant_type} (RFC 6749 5.2). */
    UNSUPPORTED_GRANT_TYPE_400,
    /** 400 with an HTML page instead of JSON, as S6 (research §1) saw for a malformed token request. */
    HTML_400;

    static final String BAD_GATEWAY_HTML =
            "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>";

    /** Writes this failure; {@code api} picks the API flavour of the 401. */
    void respond(HttpExchange exchange, boolean api) throws IOException {
        switch (this) {
            case HTML_502 -> Responses.send(exchange, 502, "text/html", BAD_GATEWAY_HTML);
            case SERVICE_UNAVAILABLE_503 -> Responses.json(exchange, 503, Map.of(
                    "error", "temporarily_unavailable",
                    "error_description", "The service is temporarily unavailable"));
            case TOO_MANY_REQUESTS_429 -> {
                if (!exchange.getResponseHeaders().containsKey("Retry-After")) {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                }
                Responses.json(exchange, 429, Map.of(
                        "error", "too_many_requests", "error_description", "Rate limit exceeded"));
            }
            case INVALID_GRANT_400 -> Responses.oauthError(exchange, 400, "invalid_grant",
                    "The grant is invalid or has been revoked");
            case UNAUTHORIZED_401 -> {
                if (api) {
                    Responses.invalidToken(exchange);
                } else {
                    Responses.oauthError(exchange, 401, "invalid_client", "Client authentication failed");
                }
            }
            case INVALID_REQUEST_400 -> Responses.oauthError(exchange, 400, "invalid_request", "The request is malformed");
            case UNAUTHORIZED_CLIENT_400 -> Responses.oauthError(exchange, 400, "unauthorized_client",
                    "The client is not authorized to use this grant type");
            case INVALID_SCOPE_400 -> Responses.oauthError(exchange, 400, "invalid_scope", "The scope is invalid");
            case UNSUPPORTED_GRANT_TYPE_400 -> Responses.oauthError(exchange, 400, "unsupported_grant_type", null);
            case HTML_400 -> Responses.html(exchange, 400,
                    "<html><head><title>Bad Request</title></head><body><h1>Bad Request</h1></body></html>");
        }
    }
}
