package com.podium.connect.auth;

import java.time.ZoneId;

import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenRevoked;

/**
 * The connection card every page shows, in plain language: what happened, what to do, and only the buttons that
 * make sense now. Built from {@link ConnectionStatus} alone, so no two pages can disagree. Never shows an internal
 * code (reason names, OAuth errors).
 *
 * @param tone {@code ok}, {@code warn} or {@code neutral}: how the card looks
 * @param when the time of the last change, in the reader's zone, or empty
 * @param own whether the reader may change this connection (it is their account); only then are buttons shown
 */
public record ConnectionCard(String athleteId, ConnectionStatus.State state, String tone, String title,
        String message, String when, boolean own) {

    public static ConnectionCard of(ConnectionStatus status, ZoneId zone, boolean own) {
        String when = status.since().map(instant -> LocalTimes.minute(instant, zone)).orElse("");
        return switch (status.state()) {
            case CONNECTED -> new ConnectionCard(status.athleteId(), status.state(), "ok", "Connected to TrainingPeaks",
                    connectedMessage(status, own), when, own);
            case REAUTHORIZATION_NEEDED -> new ConnectionCard(status.athleteId(), status.state(), "warn",
                    "TrainingPeaks needs to be connected again", why(status.prompt().reason())
                            + (own ? " Connect again to keep your dashboard up to date."
                                    : " Only the athlete can connect again."), when, own);
            case DISCONNECTED -> new ConnectionCard(status.athleteId(), status.state(), "neutral",
                    "TrainingPeaks is disconnected",
                    (own ? "You disconnected" : "The athlete disconnected")
                            + " TrainingPeaks, so Podium no longer reads training data.", when, own);
            case NOT_CONNECTED -> new ConnectionCard(status.athleteId(), status.state(), "neutral",
                    "TrainingPeaks is not connected yet",
                    own ? "Connect TrainingPeaks so Podium can show your training."
                            : "The athlete has not connected TrainingPeaks yet.", "", own);
        };
    }

    private static String connectedMessage(ConnectionStatus status, boolean own) {
        String as = status.token().role() == AccountRole.COACH ? "as a coach" : "as an athlete";
        String renewal = status.token().failureCount() > 0
                ? " TrainingPeaks did not answer the last time Podium renewed its access; Podium keeps trying, nothing to do for now."
                : " Podium renews its access automatically.";
        return (own ? "Podium reads your TrainingPeaks data " : "Podium reads this TrainingPeaks account ") + as + "."
                + renewal;
    }

    private static String why(TokenRevoked.Reason reason) {
        return switch (reason) {
            case REFRESH_REJECTED -> "TrainingPeaks no longer accepts Podium's access (it may have been removed in"
                    + " TrainingPeaks, or the password changed).";
            case REFRESH_ANSWER_LOST -> "Podium lost TrainingPeaks' answer while renewing its access, and TrainingPeaks"
                    + " no longer accepts the old one. Please connect again.";
            case REFRESH_FAILURES_EXHAUSTED -> "Podium could not reach TrainingPeaks to renew its access for too long.";
            case DISCONNECTED -> "TrainingPeaks was disconnected.";
        };
    }

    /** "Connect TrainingPeaks": nothing is connected. */
    public boolean canConnect() {
        return own && (state == ConnectionStatus.State.NOT_CONNECTED || state == ConnectionStatus.State.DISCONNECTED);
    }

    /** "Connect again": access ended without the user asking. */
    public boolean canReauthorize() {
        return own && state == ConnectionStatus.State.REAUTHORIZATION_NEEDED;
    }

    /** "Disconnect": only while connected. */
    public boolean canDisconnect() {
        return own && state == ConnectionStatus.State.CONNECTED;
    }

    /** What the time in {@link #when()} means. */
    public String whenLabel() {
        return switch (state) {
            case CONNECTED -> "Access renewed";
            case REAUTHORIZATION_NEEDED -> "Access ended";
            case DISCONNECTED -> "Disconnected";
            case NOT_CONNECTED -> "";
        };
    }
}
