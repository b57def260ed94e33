package com.podium.connect.token;

/** Base of the token module's errors. Messages carry context, never a token or the client secret. */
public abstract class TokenException extends RuntimeException {

    private final String athleteId;

    protected TokenException(String athleteId, String message, Throwable cause) {
        super(message, cause);
        this.athleteId = athleteId;
    }

    /** The account concerned, or null (e.g. a code exchange before the account is known). */
    public String athleteId() {
        return athleteId;
    }
}
