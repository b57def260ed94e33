package com.podium.connect.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the audit API as RFC 9457 problem details ({@code application/problem+json}) with a machine-readable
 * {@code error} code; never a stack trace, never the caller's raw input.
 */
@RestControllerAdvice(assignableTypes = AuditEventsController.class)
class AuditErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(AuditErrorAdvice.class);

    @ExceptionHandler(InvalidAuditQueryException.class)
    ProblemDetail invalidQuery(InvalidAuditQueryException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (e instanceof ErrorResponse framework) {
            // Spring MVC's own 4xx (wrong method, unacceptable media type, ...): its status and detail, our code.
            HttpStatusCode status = framework.getStatusCode();
            return problem(status, status.is4xxClientError() ? "invalid_request" : "server_error",
                    framework.getBody().getDetail());
        }
        log.error("Reading the audit log failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "server_error",
                "the audit log could not be read; see the service log");
    }

    private static ProblemDetail problem(HttpStatusCode status, String error, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("error", error);
        return problem;
    }
}
