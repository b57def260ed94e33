package com.podium.connect.auth.flow;

/**
 * What TrainingPeaks sent to the redirect URI: {@code code} and {@code state}, or {@code error} (with
 * {@code error_description}) and {@code state}. Any of them may be null. {@link #toString()} hides code and state.
 */
public record CallbackParameters(String code, String state, String error, String errorDescription) {

    /** Nothing OAuth-related: someone just opened the redirect URI. */
    public boolean isEmpty() {
        return code == null && state == null && error == null;
    }

    @Override
    public String toString() {
        return "CallbackParameters[code=" + (code == null ? null : "***") + ", state=" + (state == null ? null : "***")
                + ", error=" + error + "]";
    }
}
