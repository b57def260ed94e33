package com.podium.connect.auth.prompts;

import java.util.Optional;

import org.springframework.stereotype.Service;

import com.podium.connect.auth.ConnectionPrompts;
import com.podium.connect.auth.ConnectionStatus;
import com.podium.connect.auth.ReauthorizationPrompt;
import com.podium.connect.token.TokenRevoked;
import com.podium.connect.token.Tokens;

@Service
class ConnectionPromptsService implements ConnectionPrompts {

    private final PromptStore prompts;
    private final Tokens tokens;

    ConnectionPromptsService(PromptStore prompts, Tokens tokens) {
        this.prompts = prompts;
        this.tokens = tokens;
    }

    @Override
    public Optional<ReauthorizationPrompt> reauthorizationPrompt(String athleteId) {
        return prompts.openPrompt(athleteId).filter(prompt -> prompt.reason() != TokenRevoked.Reason.DISCONNECTED);
    }

    @Override
    public ConnectionStatus connectionStatus(String athleteId) {
        // Stored tokens win: revoking deletes them in the transaction that records the revocation.
        return tokens.status(athleteId).map(ConnectionStatus::connected)
            .or(() -> prompts.openPrompt(athleteId).map(prompt -> prompt.reason() == TokenRevoked.Reason.DISCONNECTED
                    ? ConnectionStatus.disconnected(prompt) : ConnectionStatus.reauthorizationNeeded(prompt)))
            .orElseGet(() -> ConnectionStatus.notConnected(athleteId));
    }
}
