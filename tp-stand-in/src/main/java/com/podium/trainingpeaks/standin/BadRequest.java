package com.podium.trainingpeaks.standin;

/** A 400 invalid_request; the message goes to the client, so it must never contain a secret. */
final class BadRequest extends RuntimeException {

    BadRequest(String safeMessage) {
        super(safeMessage, null, false, false);
    }
}
