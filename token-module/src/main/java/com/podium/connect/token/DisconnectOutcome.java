package com.podium.connect.token;

/** What {@link Tokens#disconnect} achieved. Either way our tokens are gone. */
public enum DisconnectOutcome {
    /** TrainingPeaks confirmed the deauthorization: the app no longer has access. */
    DEAUTHORIZED,
    /**
     * TrainingPeaks did not confirm it (refused, unreachable, or no valid access token could be had), so it may still
     * list the app as connected: the user should remove it in their TrainingPeaks account settings.
     */
    NOT_CONFIRMED,
    /** Nothing was stored: there was nothing to disconnect. */
    NOT_CONNECTED
}
