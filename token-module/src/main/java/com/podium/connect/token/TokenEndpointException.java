package com.podium.connect.token;

/**
 * The TrainingPeaks token endpoint did not give us a token: it answered an error, a non-JSON body, or not at all.
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

    private final Operation operation;
    private final Integer httpStatus;
    private final String errorCode;
    private final String detail;
    private final boolean retryable;

    /**
     * @param httpStatus null when no HTTP answer came (timeout, connection refused)
     * @param errorCode the provider's OAuth {@code error} or our classification ({@code non_json_body},
     *        {@code timeout}, {@code connection_failed}, {@code http_503}, ...)
     * @param detail a short sanitised description: the provider's {@code error_description} or a body snippet
     * @param retryable true for transient failures (timeouts, 5xx, 429, HTML pages), false when the grant was rejected
     */
    public TokenEndpointException(Operation operation, String athleteId, Integer httpStatus, String errorCode,
            String detail, boolean retryable, Throwable cause) {
        super(athleteId, message(operation, httpStatus, errorCode, detail), cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.detail = detail;
        this.retryable = retryable;
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

    public String detail() {
        return detail;
    }

    public boolean retryable() {
        return retryable;
    }
}
