package com.podium.connect.token.refresh;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.podium.connect.token.AccessToken;
import com.podium.connect.token.NoTokenStoredException;
import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenEndpointException.Operation;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenRefreshFailed;
import com.podium.connect.token.TokenRefreshed;
import com.podium.connect.token.TokenRevoked;
import com.podium.connect.token.crypto.TokenCodec;
import com.podium.connect.token.endpoint.TokenEndpointClient;
import com.podium.connect.token.storage.TokenRow;
import com.podium.connect.token.storage.TokenStore;

/**
 * Makes sure one athlete's token is refreshed by one caller at a time, across threads and instances, and that a
 * late result never overwrites a newer one.
 * <ol>
 * <li>In this JVM, concurrent callers for one athlete share one in-flight refresh.</li>
 * <li>Across instances, the refresher claims a lease on the row (owner + lease-until) and commits before calling
 * TrainingPeaks: no row lock or pooled connection waits on the network. The lease (default 30 s) outlives the
 * HTTP timeouts (5 s + 10 s), so a live refresher finishes or gives up before anyone else may take over.</li>
 * <li>The result is written with a compare-and-set on {@code version} and the lease owner. A refresher fenced off
 * this way discards its result; so a rejected, older refresh token never deletes a newer grant either.</li>
 * </ol>
 * The token write and its lifecycle events commit in one transaction (the event publication registry is the outbox).
 */
@Component
public class RefreshCoordinator {

    private static final Logger log = LoggerFactory.getLogger(RefreshCoordinator.class);

    private final ConcurrentMap<String, CompletableFuture<AccessToken>> inFlight = new ConcurrentHashMap<>();
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);

    private final TokenStore store;
    private final TokenCodec codec;
    private final TokenEndpointClient endpoint;
    private final RefreshPolicy policy;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public RefreshCoordinator(TokenStore store, TokenCodec codec, TokenEndpointClient endpoint, RefreshPolicy policy,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.endpoint = endpoint;
        this.policy = policy;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** A fresh lease owner name: this instance plus a per-claim id, so every claim is told apart. */
    public String newLeaseOwner() {
        return instanceId + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Refreshes the athlete's token unless that is no longer needed, sharing the work with concurrent callers.
     *
     * @param rejected for {@link RefreshTrigger#REJECTED}: the access token the API refused
     * @param heldLease a lease the caller already claimed (the background refresher), or null
     */
    public AccessToken refresh(String athleteId, RefreshTrigger trigger, AccessToken rejected, String heldLease) {
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        CompletableFuture<AccessToken> running = inFlight.putIfAbsent(athleteId, mine);
        if (running != null) {
            if (heldLease != null) {
                store.releaseLease(athleteId, heldLease);
            }
            return await(running);
        }
        try {
            AccessToken token = refreshUnderLease(athleteId, trigger, rejected, heldLease);
            mine.complete(token);
            return token;
        }
        catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        }
        finally {
            inFlight.remove(athleteId, mine);
        }
    }

    private static AccessToken await(CompletableFuture<AccessToken> running) {
        try {
            return running.join();
        }
        catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private AccessToken refreshUnderLease(String athleteId, RefreshTrigger trigger, AccessToken rejected,
            String heldLease) {
        String owner = heldLease != null ? heldLease : newLeaseOwner();
        Instant giveUpAt = clock.instant().plus(policy.leaseDuration()).plusSeconds(1);
        while (true) {
            Instant now = clock.instant();
            Optional<TokenRow> claimed = transactions
                .execute(tx -> store.claimLease(athleteId, owner, now, now.plus(policy.leaseDuration())));
            if (claimed.isPresent()) {
                return refreshClaimed(claimed.get(), owner, trigger, rejected);
            }
            // Not claimed: the row is gone, or another refresher holds the lease.
            TokenRow row = store.find(athleteId).orElseThrow(() -> new NoTokenStoredException(athleteId));
            if (!needsRefresh(row, trigger, rejected, now)) {
                return codec.accessToken(row);
            }
            if (trigger != RefreshTrigger.REJECTED && !row.expired(now)) {
                // Still valid while someone else refreshes: no reason to wait.
                return codec.accessToken(row);
            }
            if (now.isAfter(giveUpAt)) {
                throw new TokenEndpointException(Operation.REFRESH, athleteId, null, "refresh_in_progress",
                        "another instance is refreshing this token and has not finished", true, null);
            }
            sleep(50);
        }
    }

    private AccessToken refreshClaimed(TokenRow row, String owner, RefreshTrigger trigger, AccessToken rejected) {
        String athleteId = row.athleteId();
        Instant now = clock.instant();
        if (!needsRefresh(row, trigger, rejected, now)) {
            // Someone refreshed between our read and our claim.
            transactions.executeWithoutResult(tx -> store.releaseLease(athleteId, owner));
            return codec.accessToken(row);
        }
        if (row.inBackoff(now) && trigger != RefreshTrigger.REJECTED) {
            transactions.executeWithoutResult(tx -> store.releaseLease(athleteId, owner));
            if (!row.expired(now)) {
                return codec.accessToken(row);
            }
            throw new TokenEndpointException(Operation.REFRESH, athleteId, null, row.lastErrorCode(),
                    "refresh failing; next attempt at " + row.nextAttemptAt(), true, null);
        }
        String refreshToken = codec.refreshToken(row);
        if (refreshToken == null) {
            TokenEndpointException noRefreshToken = new TokenEndpointException(Operation.REFRESH, athleteId, null,
                    "no_refresh_token", "TrainingPeaks never issued a refresh token for this grant", false, null);
            return failed(row, owner, trigger, noRefreshToken);
        }
        TokenGrant grant;
        try {
            grant = endpoint.refresh(athleteId, refreshToken);
        }
        catch (TokenEndpointException e) {
            return failed(row, owner, trigger, e);
        }
        return refreshed(row, owner, grant);
    }

    private boolean needsRefresh(TokenRow row, RefreshTrigger trigger, AccessToken rejected, Instant now) {
        if (trigger == RefreshTrigger.REJECTED) {
            // Only if the stored token is still the one the API refused; otherwise it was replaced already.
            return rejected == null || codec.accessToken(row).value().equals(rejected.value());
        }
        return row.refreshDue(now);
    }

    private AccessToken refreshed(TokenRow row, String owner, TokenGrant grant) {
        String athleteId = row.athleteId();
        Instant now = clock.instant();
        String scope = grant.scope() != null ? grant.scope() : row.scope();
        TokenGrant stored = new TokenGrant(grant.accessToken(), grant.refreshToken(), grant.issuedAt(),
                grant.expiresAt(), scope);
        Instant refreshAt = policy.refreshAt(grant.issuedAt(), grant.expiresAt());
        boolean recovered = row.failureCount() > 0;
        Optional<Long> version = transactions.execute(tx -> {
            Optional<Long> written = store.writeRefreshed(athleteId, row.version(), owner,
                    codec.encrypt(athleteId, stored, refreshAt), now);
            written.ifPresent(v -> events
                .publishEvent(TokenRefreshed.of(athleteId, now, scope, grant.expiresAt(), recovered, v)));
            return written;
        });
        if (version.isEmpty()) {
            FencedRefreshes.count();
            log.atWarn().addKeyValue("athleteId", athleteId).addKeyValue("outcome", "fenced")
                .addKeyValue("readVersion", row.version())
                .log("Refresh result for athlete {} discarded: the row changed while we refreshed", athleteId);
            return currentToken(athleteId);
        }
        log.atInfo().addKeyValue("athleteId", athleteId).addKeyValue("outcome", recovered ? "recovered" : "refreshed")
            .addKeyValue("httpStatus", 200).addKeyValue("expiresAt", grant.expiresAt()).addKeyValue("now", now)
            .addKeyValue("version", version.get())
            .log("Refreshed token of athlete {}: expires {} (now {})", athleteId, grant.expiresAt(), now);
        return new AccessToken(grant.accessToken(), grant.expiresAt(), scope);
    }

    /**
     * Terminal failures (grant rejected) and transient ones past the limit revoke the token; other transient
     * failures back off. The stored access token is handed out while it is still valid.
     */
    private AccessToken failed(TokenRow row, String owner, RefreshTrigger trigger, TokenEndpointException failure) {
        String athleteId = row.athleteId();
        Instant now = clock.instant();
        int attempt = row.failureCount() + 1;
        boolean revoke = !failure.retryable() || policy.exhausted(attempt);
        if (revoke) {
            TokenRevoked.Reason reason = failure.retryable() ? TokenRevoked.Reason.REFRESH_FAILURES_EXHAUSTED
                    : TokenRevoked.Reason.REFRESH_REJECTED;
            boolean deleted = Boolean.TRUE.equals(transactions.execute(tx -> {
                if (!store.deleteIfVersion(athleteId, row.version())) {
                    return false;
                }
                events.publishEvent(TokenRefreshFailed.of(athleteId, now, failure.errorCode(), failure.httpStatus(),
                        failure.detail(), false, attempt, null));
                events.publishEvent(TokenRevoked.of(athleteId, now, reason, describe(failure, attempt)));
                return true;
            }));
            logFailure(athleteId, failure, attempt, deleted ? "revoked" : "fenced", null, row, now);
            if (!deleted) {
                FencedRefreshes.count();
                // A newer grant replaced the row while we refreshed: our refresh token was simply outdated.
                return currentToken(athleteId);
            }
            throw failure;
        }
        Instant nextAttemptAt = now.plus(policy.backoff(attempt));
        transactions.executeWithoutResult(tx -> {
            if (store.recordFailure(athleteId, row.version(), owner, attempt, nextAttemptAt, failure.errorCode(), now)) {
                events.publishEvent(TokenRefreshFailed.of(athleteId, now, failure.errorCode(), failure.httpStatus(),
                        failure.detail(), true, attempt, nextAttemptAt));
            }
        });
        logFailure(athleteId, failure, attempt, "retry_later", nextAttemptAt, row, now);
        if (trigger != RefreshTrigger.REJECTED && !row.expired(now)) {
            return codec.accessToken(row);
        }
        throw failure;
    }

    /** Whatever is stored now: after being fenced off, the newer grant that won. */
    private AccessToken currentToken(String athleteId) {
        return store.find(athleteId).map(codec::accessToken).orElseThrow(() -> new NoTokenStoredException(athleteId));
    }

    private static String describe(TokenEndpointException failure, int attempt) {
        return failure.retryable() ? attempt + " refresh attempts failed in a row, last: " + failure.getMessage()
                : failure.getMessage();
    }

    private static void logFailure(String athleteId, TokenEndpointException failure, int attempt, String outcome,
            Instant nextAttemptAt, TokenRow row, Instant now) {
        log.atWarn().addKeyValue("athleteId", athleteId).addKeyValue("outcome", outcome)
            .addKeyValue("httpStatus", failure.httpStatus()).addKeyValue("errorCode", failure.errorCode())
            .addKeyValue("attempt", attempt).addKeyValue("nextAttemptAt", nextAttemptAt)
            .addKeyValue("expiresAt", row.expiresAt()).addKeyValue("now", now)
            .log("Refresh of athlete {} failed ({}), attempt {}: {}", athleteId, outcome, attempt, failure.getMessage());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another refresher", e);
        }
    }
}
