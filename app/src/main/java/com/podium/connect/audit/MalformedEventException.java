package com.podium.connect.audit;

/**
 * A record on the token-events topic that is not a token event we can audit (not JSON, no eventId, ...).
 * Never retried: it goes straight to the dead-letter topic. The message names fields, never their values.
 */
class MalformedEventException extends RuntimeException {

    MalformedEventException(String message) {
        super(message);
    }

    MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
