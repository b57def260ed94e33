package com.podium.connect.auth.prompts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.podium.connect.auth.AuthorizationCompleted;
import com.podium.connect.token.TokenRevoked;

/** Opens and closes "Re-authorize TrainingPeaks" prompts from the token lifecycle events. */
@Component
class ConnectionEventsListener {

    private static final Logger log = LoggerFactory.getLogger(ConnectionEventsListener.class);

    private final PromptStore prompts;

    ConnectionEventsListener(PromptStore prompts) {
        this.prompts = prompts;
    }

    /**
     * Synchronously, in the transaction that deletes the tokens: no page can see the tokens gone and the reason not
     * yet recorded (which would read as "never connected").
     */
    @EventListener
    public void on(TokenRevoked revoked) {
        prompts.recordRevocation(revoked.athleteId(), revoked.reason(), revoked.detail(), revoked.occurredAt());
        log.info("reauthorization_prompt_recorded athleteId={} reason={}", revoked.athleteId(), revoked.reason());
    }

    /**
     * Synchronously, in the transaction that stores the new tokens: the page the user is redirected to right after
     * connecting already shows the prompt closed.
     */
    @EventListener
    public void on(AuthorizationCompleted completed) {
        prompts.recordAuthorization(completed.athleteId(), completed.occurredAt());
    }
}
