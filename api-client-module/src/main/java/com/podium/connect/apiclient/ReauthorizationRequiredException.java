package com.podium.connect.apiclient;

/**
 * The athlete has to connect TrainingPeaks again before any call can succeed: no token is stored, the token was
 * revoked, or TrainingPeaks kept rejecting it. Retrying does not help; show the connect page.
 */
public class ReauthorizationRequiredException extends RuntimeException {

    private final String athleteId;
    private final String reason;

    public ReauthorizationRequiredException(String athleteId, String reason) {
        this(athleteId, reason, null);
    }

    public ReauthorizationRequiredException(String athleteId, String reason, Throwable cause) {
        super("Athlete " + athleteId + " must re-authorize TrainingPeaks: " + reason, cause);
        this.athleteId = athleteId;
        this.reason = reason;
    }

    public String athleteId() {
        return athleteId;
    }

    /** Why, short and safe to show: e.g. {@code not connected}, {@code revoked: REFRESH_REJECTED}. */
    public String reason() {
        return reason;
    }
}
