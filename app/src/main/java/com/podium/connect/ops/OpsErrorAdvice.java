package com.podium.connect.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the ops endpoints as RFC 9457 problem details ({@code application/problem+json}) with a
 * machine-readable {@code error} code; never a stack trace, never the caller's raw input.
 */
@RestControllerAdvice(assignableTypes = OpsReplayController.class)
class OpsErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(OpsErrorAdvice.class);

    /** A problem detail with our {@code error} code. */
    static ProblemDetail problem(HttpStatusCode status, String error, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("error", error);
        return problem;
    }

    @ExceptionHandler(InvalidReplayRequestException.class)
    ProblemDetail invalid(InvalidReplayRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid_request", OpsReplayBody.EXPECTED);
    }

    @ExceptionHandler(ReplayTooLargeException.class)
    ProblemDetail tooLarge(ReplayTooLargeException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "replay_too_large", e.getMessage());
    }

    @ExceptionHandler(ReplayException.class)
    ProblemDetail failed(ReplayException e) {
        log.warn("Replay failed: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "replay_failed", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (e instanceof ErrorResponse framework) {
            HttpStatusCode status = framework.getStatusCode();
            return problem(status, status.is4xxClientError() ? "invalid_request" : "server_error",
                    framework.getBody().getDetail());
        }
        log.error("Replay request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "server_error",
                "the replay failed unexpectedly; see the service log");
    }
}
