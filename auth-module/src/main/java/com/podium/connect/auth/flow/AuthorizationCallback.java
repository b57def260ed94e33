package com.podium.connect.auth.flow;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.podium.connect.auth.AuthorizationCompleted;
import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.Tokens;

/**
 * Finishes the flow at the redirect URI: consumes the state, exchanges the code, stores the tokens and publishes
 * {@link AuthorizationCompleted}.
 * <p>
 * The exchange runs outside any transaction, so no database connection waits on TrainingPeaks; the token write and
 * the event then commit together, so the event exists exactly when the tokens do.
 */
@Service
public class AuthorizationCallback {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationCallback.class);

    private final AuthorizationRequests requests;
    private final Tokens tokens;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AuthProperties settings;
    private final Clock clock;

    AuthorizationCallback(AuthorizationRequests requests, Tokens tokens, AuthProperties settings,
            TransactionTemplate transactions, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        this.requests = requests;
        this.tokens = tokens;
        this.settings = settings;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /**
     * @param browserBindingId the browser's binding cookie value, or null when it sent none
     * @param signedInAccount the Podium account signed in in this browser now: must be the one that started the flow
     */
    public CallbackOutcome complete(CallbackParameters callback, String browserBindingId, String signedInAccount) {
        if (callback.state() == null || callback.state().isBlank()) {
            return rejected(StateRejection.MISSING, null);
        }
        Instant now = clock.instant();
        Optional<PendingAuthorization> consumed = requests.consume(Secrets.sha256Hex(callback.state()));
        if (consumed.isEmpty()) {
            return rejected(StateRejection.UNKNOWN_OR_USED, null);
        }
        PendingAuthorization pending = consumed.get();
        if (!now.isBefore(pending.expiresAt())) {
            return rejected(StateRejection.EXPIRED, pending.athleteId());
        }
        if (browserBindingId == null
                || !Secrets.constantTimeEquals(Secrets.sha256Hex(browserBindingId), pending.browserBindingHash())) {
            return rejected(StateRejection.FOREIGN_BROWSER, pending.athleteId());
        }
        if (!pending.athleteId().equals(signedInAccount)) {
            return rejected(StateRejection.FOREIGN_USER, pending.athleteId());
        }
        log.info("oauth_state_consumed athleteId={} role={}", pending.athleteId(), pending.role());

        if (callback.error() != null) {
            log.info("oauth_authorization_refused athleteId={} error={}", pending.athleteId(), loggable(callback.error()));
            return new CallbackOutcome.ProviderError(pending.athleteId(), callback.error(), callback.errorDescription());
        }
        if (callback.code() == null || callback.code().isBlank()) {
            log.warn("oauth_callback_without_code athleteId={}", pending.athleteId());
            return new CallbackOutcome.ProviderError(pending.athleteId(), "missing_code",
                    "TrainingPeaks sent neither an authorization code nor an error.");
        }
        return exchangeAndStore(pending, callback.code());
    }

    private CallbackOutcome exchangeAndStore(PendingAuthorization pending, String code) {
        TokenGrant grant;
        try {
            // An answer without "scope" grants what was asked (RFC 6749 5.1): the role's scope from the same settings.
            grant = tokens.exchangeAuthorizationCode(code, pending.codeVerifier(),
                    settings.scopes().forRole(pending.role()));
        }
        catch (TokenEndpointException e) {
            log.warn("oauth_exchange outcome=failed athleteId={} httpStatus={} errorCode={} retryable={}",
                    pending.athleteId(), e.httpStatus(), e.errorCode(), e.retryable());
            return new CallbackOutcome.ExchangeFailed(pending.athleteId(), e.httpStatus(), e.errorCode());
        }
        transactions.executeWithoutResult(tx -> {
            tokens.store(pending.athleteId(), pending.role(), grant);
            events.publishEvent(AuthorizationCompleted.of(pending.athleteId(), clock.instant(), pending.role().name(),
                    grant.scope(), grant.expiresAt()));
        });
        log.info("oauth_exchange outcome=connected athleteId={} role={} scope=\"{}\" expiresAt={}", pending.athleteId(),
                pending.role(), grant.scope(), grant.expiresAt());
        return new CallbackOutcome.Connected(pending.athleteId(), pending.role());
    }

    private CallbackOutcome rejected(StateRejection reason, String athleteId) {
        log.warn("oauth_state_rejected reason={} athleteId={}", reason.logValue(), athleteId);
        return new CallbackOutcome.StateRejected(reason);
    }

    /** Provider error codes are short ASCII tokens; anything else is cut so it cannot forge log lines. */
    private static String loggable(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9_.-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
