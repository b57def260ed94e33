package com.podium.connect.audit;

/** A bad {@code GET /api/audit/events} parameter; the message is shown to the caller as the 400's detail. */
class InvalidAuditQueryException extends RuntimeException {

    InvalidAuditQueryException(String message) {
        super(message);
    }
}
