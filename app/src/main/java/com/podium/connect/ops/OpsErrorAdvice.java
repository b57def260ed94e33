package com.podium.connect.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the ops endpoints as {@code {"error":"...","detail":"..."}}; never a stack trace. */
@RestControllerAdvice(assignableTypes = OpsReplayController.class)
class OpsErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(OpsErrorAdvice.class);

    record ApiError(String error, String detail) {
    }

    @ExceptionHandler(InvalidReplayRequestException.class)
    ResponseEntity<ApiError> invalid(InvalidReplayRequestException e) {
        return ResponseEntity.badRequest().body(new ApiError("invalid_request", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(new ApiError("invalid_request",
                "the body must be a JSON object with athleteId, from or offset (and partition), target "
                        + "(CONSOLE or TOPIC), and nothing else"));
    }

    @ExceptionHandler(ReplayTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(ReplayTooLargeException e) {
        return ResponseEntity.unprocessableEntity().body(new ApiError("replay_too_large", e.getMessage()));
    }

    @ExceptionHandler(ReplayException.class)
    ResponseEntity<ApiError> failed(ReplayException e) {
        log.warn("Replay failed: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError("replay_failed",
                e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (e instanceof ErrorResponse framework) {
            HttpStatusCode status = framework.getStatusCode();
            return ResponseEntity.status(status).body(new ApiError(status.is4xxClientError() ? "invalid_request"
                    : "server_error", framework.getBody().getDetail()));
        }
        log.error("Replay request failed", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
            .body(new ApiError("server_error", "the replay failed unexpectedly; see the service log"));
    }
}
