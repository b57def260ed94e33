package com.podium.connect.token.endpoint;

import java.util.concurrent.CompletableFuture;

import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenGrant;

/**
 * A refresh call passed its deadline ({@code call-timeout}) but may still answer until {@code late-answer-limit}:
 * the caller stops waiting, {@link #lateAnswer()} carries on. TrainingPeaks may already have rotated the refresh
 * token, so a late answer is worth keeping.
 */
public class AnswerOverdueException extends TokenEndpointException {

    private final transient CompletableFuture<TokenGrant> lateAnswer;

    AnswerOverdueException(Operation operation, String athleteId, String detail,
            CompletableFuture<TokenGrant> lateAnswer) {
        super(operation, athleteId, null, "timeout", detail, Kind.OUTCOME_UNKNOWN, null, null);
        this.lateAnswer = lateAnswer;
    }

    /**
     * Completes with the grant, or exceptionally with a {@link TokenEndpointException} saying what came instead
     * (an error answer, or still nothing at the limit, when the call is cancelled).
     */
    public CompletableFuture<TokenGrant> lateAnswer() {
        return lateAnswer;
    }
}
