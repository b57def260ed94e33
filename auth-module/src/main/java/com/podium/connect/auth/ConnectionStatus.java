package com.podium.connect.auth;

import java.time.Instant;
import java.util.Optional;

import com.podium.connect.token.TokenStatus;

/**
 * An account's TrainingPeaks connection: the one answer every page shows. Holds no token value.
 *
 * @param token the stored token's status when {@link State#CONNECTED}, else null
 * @param prompt the revocation when {@link State#REAUTHORIZATION_NEEDED} or {@link State#DISCONNECTED}, else null
 */
public record ConnectionStatus(String athleteId, State state, TokenStatus token, ReauthorizationPrompt prompt) {

    public enum State {
        /** Tokens are stored: Podium can read TrainingPeaks. */
        CONNECTED,
        /** TrainingPeaks access ended without the user asking for it: they must connect again. */
        REAUTHORIZATION_NEEDED,
        /** The user disconnected on purpose. Not a problem to report. */
        DISCONNECTED,
        /** Never connected (or nothing is known about it). */
        NOT_CONNECTED
    }

    public static ConnectionStatus connected(TokenStatus token) {
        return new ConnectionStatus(token.athleteId(), State.CONNECTED, token, null);
    }

    public static ConnectionStatus reauthorizationNeeded(ReauthorizationPrompt prompt) {
        return new ConnectionStatus(prompt.athleteId(), State.REAUTHORIZATION_NEEDED, null, prompt);
    }

    public static ConnectionStatus disconnected(ReauthorizationPrompt disconnect) {
        return new ConnectionStatus(disconnect.athleteId(), State.DISCONNECTED, null, disconnect);
    }

    public static ConnectionStatus notConnected(String athleteId) {
        return new ConnectionStatus(athleteId, State.NOT_CONNECTED, null, null);
    }

    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    public Optional<TokenStatus> tokenStatus() {
        return Optional.ofNullable(token);
    }

    public Optional<ReauthorizationPrompt> reauthorizationPrompt() {
        return state == State.REAUTHORIZATION_NEEDED ? Optional.of(prompt) : Optional.empty();
    }

    /** When the connection last changed: stored or renewed, revoked, or disconnected. */
    public Optional<Instant> since() {
        return state == State.CONNECTED ? Optional.ofNullable(token.updatedAt())
                : Optional.ofNullable(prompt).map(ReauthorizationPrompt::revokedAt);
    }
}
