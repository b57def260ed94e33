package com.podium.connect.auth;

import java.util.Optional;

import com.podium.connect.token.TokenStatus;

/**
 * An account's TrainingPeaks connection as a UI shows it. Holds no token value.
 *
 * @param token the stored token's status when {@link State#CONNECTED}, else null
 * @param prompt the open prompt when {@link State#REAUTHORIZATION_NEEDED}, else null
 */
public record ConnectionStatus(String athleteId, State state, TokenStatus token, ReauthorizationPrompt prompt) {

    public enum State {
        CONNECTED, REAUTHORIZATION_NEEDED, NOT_CONNECTED
    }

    public static ConnectionStatus connected(TokenStatus token) {
        return new ConnectionStatus(token.athleteId(), State.CONNECTED, token, null);
    }

    public static ConnectionStatus reauthorizationNeeded(ReauthorizationPrompt prompt) {
        return new ConnectionStatus(prompt.athleteId(), State.REAUTHORIZATION_NEEDED, null, prompt);
    }

    public static ConnectionStatus notConnected(String athleteId) {
        return new ConnectionStatus(athleteId, State.NOT_CONNECTED, null, null);
    }

    public Optional<TokenStatus> tokenStatus() {
        return Optional.ofNullable(token);
    }

    public Optional<ReauthorizationPrompt> reauthorizationPrompt() {
        return Optional.ofNullable(prompt);
    }
}
