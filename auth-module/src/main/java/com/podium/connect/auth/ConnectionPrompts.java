package com.podium.connect.auth;

import java.util.Optional;

/**
 * What other modules (the pages) may ask the auth module about an account's TrainingPeaks connection.
 * <p>
 * Revocations are recorded in the transaction that revokes the tokens (a synchronous listener on
 * {@code TokenRevoked}), and closed in the one that stores new tokens ({@link AuthorizationCompleted}), so the next
 * page load after either already shows it.
 */
public interface ConnectionPrompts {

    /**
     * The open "Re-authorize TrainingPeaks" prompt of the account, if any. A user's own disconnect does not open
     * one: they chose to leave.
     */
    Optional<ReauthorizationPrompt> reauthorizationPrompt(String athleteId);

    /** Connected, re-authorization needed (and why), disconnected by the user, or never connected. */
    ConnectionStatus connectionStatus(String athleteId);
}
