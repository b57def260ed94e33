package com.podium.connect.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the audit API as {@code {"error":"...","detail":"..."}}; never a stack trace. */
@RestControllerAdvice(assignableTypes = AuditEventsController.class)
class AuditErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(AuditErrorAdvice.class);

    record ApiError(String error, String detail) {
    }

    @ExceptionHandler(InvalidAuditQueryException.class)
    ResponseEntity<ApiError> invalidQuery(InvalidAuditQueryException e) {
        return ResponseEntity.badRequest().body(new ApiError("invalid_request", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (e instanceof ErrorResponse framework) {
            // Spring MVC's own 4xx (wrong method, unacceptable media type, ...): keep its status, our shape.
            HttpStatusCode status = framework.getStatusCode();
            return ResponseEntity.status(status).body(new ApiError(status.is4xxClientError() ? "invalid_request"
                    : "server_error", framework.getBody().getDetail()));
        }
        log.error("Reading the audit log failed", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
            .body(new ApiError("server_error", "the audit log could not be read; see the service log"));
    }
}
