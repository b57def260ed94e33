package com.podium.connect.token;

/** Nothing is stored for the account: the user has to (re-)connect TrainingPeaks. */
public class NoTokenStoredException extends TokenException {

    public NoTokenStoredException(String athleteId) {
        super(athleteId, "No OAuth token stored for athlete " + athleteId + ": start the OAuth flow to connect TrainingPeaks",
                null);
    }
}
