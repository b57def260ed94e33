package com.podium.connect.token;

import java.time.Duration;

/**
 * The TrainingPeaks token endpoint did not give us a token: it answered an error, an unusable body, or not at all.
 * {@link #kind()} says whose problem it is, which decides what happens to the stored tokens.
 */
public class TokenEndpointException extends TokenException {

    /** Which call failed. */
    public enum Operation {
        EXCHANGE("Token exchange"), REFRESH("Token refresh"), DEAUTHORIZE("Deauthorize");

        private final String label;

        Operation(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whose problem a failure is. Only {@link #GRANT_REJECTED} ever revokes a user's tokens. */
    public enum Kind {
        /** {@code invalid_grant} (RFC 6749 5.2): the user's grant is dead. */
        GRANT_REJECTED,
        /**
         * TrainingPeaks refused our request or our client: any other 4xx OAuth error ({@code invalid_request},
         * {@code invalid_client}, {@code unauthorized_client}, {@code invalid_scope}, {@code unsupported_grant_type},
         * unknown codes), a 4xx HTML page, or an answer we cannot use ({@code token_type} not bearer). Our fault or
         * our configuration's: the tokens are kept and we retry later.
         */
        CLIENT_REJECTED,
        /** TrainingPeaks cannot answer now: 5xx, 429, connection refused. The request was not processed. */
        UNAVAILABLE,
        /**
         * The request may have been processed but no usable answer reached us (deadline passed, body cut, too large
         * or not JSON on 200): TrainingPeaks may have rotated the refresh token without our knowing.
         */
        OUTCOME_UNKNOWN
    }

    private final Operation operation;
    private final Integer httpStatus;
    private final String errorCode;
    private final String detail;
    private final Kind kind;
    private final Duration retryAfter;

    /**
     * @param httpStatus null when no HTTP answer came (timeout, connection refused)
     * @param errorCode the provider's OAuth {@code error} or our classification ({@code non_json_body},
     *        {@code timeout}, {@code connection_failed}, {@code http_503}, ...)
     * @param detail a short sanitised description: the provider's {@code error_description} (and
     *        {@code error_uri}) or a body snippet; never blank, null becomes a sentence naming status and code
     * @param retryAfter how long TrainingPeaks asked us to wait ({@code Retry-After}), or null
     */
    public TokenEndpointException(Operation operation, String athleteId, Integer httpStatus, String errorCode,
            String detail, Kind kind, Duration retryAfter, Throwable cause) {
        super(athleteId, message(operation, httpStatus, errorCode, detail), cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.detail = detail == null || detail.isBlank() ? fallbackDetail(httpStatus, errorCode) : detail;
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /** Kept for callers that only know "retryable or not": false means {@link Kind#GRANT_REJECTED}. */
    public TokenEndpointException(Operation operation, String athleteId, Integer httpStatus, String errorCode,
            String detail, boolean retryable, Throwable cause) {
        this(operation, athleteId, httpStatus, errorCode, detail, retryable ? Kind.UNAVAILABLE : Kind.GRANT_REJECTED,
                null, cause);
    }

    private static String fallbackDetail(Integer httpStatus, String errorCode) {
        return (httpStatus != null ? "HTTP " + httpStatus + " " : "") + (errorCode != null ? errorCode : "no answer");
    }

    private static String message(Operation operation, Integer httpStatus, String errorCode, String detail) {
        StringBuilder message = new StringBuilder(operation.label());
        if ("non_json_body".equals(errorCode)) {
            message.append(" returned non-JSON body");
        }
        else {
            message.append(" failed");
        }
        if (httpStatus != null) {
            message.append(" (HTTP ").append(httpStatus).append(')');
        }
        if (errorCode != null && !"non_json_body".equals(errorCode)) {
            message.append(": ").append(errorCode);
        }
        if (detail != null && !detail.isBlank()) {
            message.append(" - ").append(detail);
        }
        return message.toString();
    }

    public Operation operation() {
        return operation;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    /** Never null or blank. */
    public String detail() {
        return detail;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code Retry-After} of a 503 or 429, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** False only when the grant was rejected: trying again with the same refresh token cannot help. */
    public boolean retryable() {
        return kind != Kind.GRANT_REJECTED;
    }
}
