package com.podium.connect.token;

/**
 * The token endpoint's answer was larger than {@code podium.tokens.max-response-size}: refused unread, because a
 * token answer is a few hundred bytes and a huge one would only exhaust memory. TrainingPeaks may still have
 * processed the request, so this counts as {@link Kind#OUTCOME_UNKNOWN}.
 */
public class TokenResponseTooLargeException extends TokenEndpointException {

    private final long limitBytes;

    public TokenResponseTooLargeException(Operation operation, String athleteId, Integer httpStatus, long limitBytes) {
        super(operation, athleteId, httpStatus, "response_too_large",
                "the answer exceeds the " + limitBytes + "-byte limit and was refused", Kind.OUTCOME_UNKNOWN, null,
                null);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
