package com.podium.connect.auth.flow;

/** Why a callback's {@code state} was refused. Each one ends the flow with HTTP 400 and changes nothing. */
public enum StateRejection {

    MISSING("missing", "The answer from TrainingPeaks carried no state."),
    UNKNOWN_OR_USED("unknown_or_used", "This sign-in link is unknown or was already used."),
    EXPIRED("expired", "This sign-in link has expired."),
    FOREIGN_BROWSER("foreign_browser", "This sign-in was started in another browser."),
    FOREIGN_USER("foreign_user", "This sign-in was started by another Podium user.");

    private final String logValue;
    private final String explanation;

    StateRejection(String logValue, String explanation) {
        this.logValue = logValue;
        this.explanation = explanation;
    }

    /** A stable value for log lines ({@code reason=expired}). */
    public String logValue() {
        return logValue;
    }

    /** What the user is told. */
    public String explanation() {
        return explanation;
    }
}
