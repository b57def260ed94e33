package com.podium.connect.auth.flow;

import com.podium.connect.token.AccountRole;

/** How a callback ended; the web layer turns each into a page or a redirect. */
public sealed interface CallbackOutcome {

    /** Tokens stored and {@code AuthorizationCompleted} published. */
    record Connected(String athleteId, AccountRole role) implements CallbackOutcome {
    }

    /** The state was missing, unknown, used, expired or from another browser: nothing changed. */
    record StateRejected(StateRejection reason) implements CallbackOutcome {
    }

    /** TrainingPeaks answered with an error (e.g. {@code access_denied}) or without a code: nothing changed. */
    record ProviderError(String athleteId, String error, String description) implements CallbackOutcome {

        public boolean accessDenied() {
            return "access_denied".equals(error);
        }
    }

    /**
     * The code exchange at the token endpoint failed: nothing stored.
     *
     * @param httpStatus the token endpoint's HTTP status, or null when it did not answer
     * @param errorCode the provider's OAuth error code or the token module's classification
     */
    record ExchangeFailed(String athleteId, Integer httpStatus, String errorCode) implements CallbackOutcome {
    }
}
