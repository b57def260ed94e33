package com.podium.connect.apiclient;

import java.time.Duration;
import java.util.Optional;

/**
 * A TrainingPeaks API call failed for a reason other than authorization: an error answer (4xx other than 401,
 * 5xx or 429 after the retries), an unreadable body, or no answer at all. Carries what an operator needs and
 * never a token.
 */
public class TrainingPeaksApiException extends RuntimeException {

    private final String athleteId;
    private final String path;
    private final Integer httpStatus;
    private final String errorCode;
    private final String bodySnippet;
    private final boolean retryable;
    private final Duration retryAfter;

    /**
     * @param path the API path called (no query, no token)
     * @param httpStatus null when no HTTP answer came (timeout, connection refused)
     * @param errorCode the provider's {@code error} field, or our classification ({@code non_json_body},
     *        {@code invalid_json}, {@code timeout}, {@code connection_failed}, {@code http_503}, ...)
     * @param bodySnippet the start of the answer body, whitespace collapsed and anything token-like redacted
     * @param retryable true when trying again later may succeed (429, 5xx, no answer)
     * @param retryAfter what the provider asked us to wait, or null
     */
    public TrainingPeaksApiException(String athleteId, String path, Integer httpStatus, String errorCode,
            String bodySnippet, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message(athleteId, path, httpStatus, errorCode, bodySnippet), cause);
        this.athleteId = athleteId;
        this.path = path;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.bodySnippet = bodySnippet;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    private static String message(String athleteId, String path, Integer httpStatus, String errorCode,
            String bodySnippet) {
        StringBuilder message = new StringBuilder("TrainingPeaks API GET ").append(path).append(" for athlete ")
            .append(athleteId).append(" failed");
        if (httpStatus != null) {
            message.append(" (HTTP ").append(httpStatus).append(')');
        }
        if (errorCode != null) {
            message.append(": ").append(errorCode);
        }
        if (bodySnippet != null && !bodySnippet.isBlank()) {
            message.append(" - ").append(bodySnippet);
        }
        return message.toString();
    }

    public String athleteId() {
        return athleteId;
    }

    public String path() {
        return path;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    public String bodySnippet() {
        return bodySnippet;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
