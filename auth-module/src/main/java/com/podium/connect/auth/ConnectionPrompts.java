package com.podium.connect.auth;

import java.util.Optional;

/**
 * What other modules (the dashboard) may ask the auth module about an account's TrainingPeaks connection.
 * <p>
 * The "re-authorize" prompt is driven by {@code TokenRevoked} events, not by the token table: a prompt opens when a
 * revocation arrives and closes when {@link AuthorizationCompleted} is published for the same account.
 */
public interface ConnectionPrompts {

    /**
     * The open "Re-authorize TrainingPeaks" prompt of the account, if any. A user's own disconnect does not open
     * one: they chose to leave.
     */
    Optional<ReauthorizationPrompt> reauthorizationPrompt(String athleteId);

    /** Connected (with scope and expiry), re-authorization needed (with the reason), or not connected. */
    ConnectionStatus connectionStatus(String athleteId);
}
