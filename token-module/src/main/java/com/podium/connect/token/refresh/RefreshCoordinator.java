package com.podium.connect.token.refresh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.podium.connect.token.AccessToken;
import com.podium.connect.token.NoTokenStoredException;
import com.podium.connect.token.TokenException;
import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenEndpointException.Kind;
import com.podium.connect.token.TokenEndpointException.Operation;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenProperties;
import com.podium.connect.token.TokenRefreshFailed;
import com.podium.connect.token.TokenRefreshed;
import com.podium.connect.token.TokenRevoked;
import com.podium.connect.token.crypto.TokenCodec;
import com.podium.connect.token.endpoint.AnswerOverdueException;
import com.podium.connect.token.endpoint.TokenEndpointClient;
import com.podium.connect.token.health.TokenEndpointHealth;
import com.podium.connect.token.storage.TokenRow;
import com.podium.connect.token.storage.TokenStore;

/**
 * Makes sure one athlete's token is refreshed by one caller at a time, across threads and instances, that a late
 * result never overwrites a newer one, and that an answer TrainingPeaks gave us is not dropped.
 * <ol>
 * <li>In this JVM, concurrent callers for one athlete share one in-flight refresh; they wait at most
 * {@code read-wait} for it.</li>
 * <li>Across instances, the refresher claims a lease on the row (owner + lease-until) and commits before calling
 * TrainingPeaks: no row lock or pooled connection waits on the network. The call has a hard deadline shorter than
 * the lease, and {@link LeaseKeeper} renews the lease while the call and the write of its answer are in flight, so
 * no one else presents the same refresh token while its holder lives. A call past its deadline may still answer
 * until {@code late-answer-limit}: the caller stops waiting, the lease is kept, and the late answer is written.</li>
 * <li>The answer is written with a compare-and-set on {@code version}: a refresher overtaken by a newer write
 * discards its result, and an outdated, rejected refresh token never deletes a newer grant. The write is retried
 * through a database outage for up to {@code answer-write-retry}.</li>
 * <li>Only {@code invalid_grant} revokes, and only while {@link RevocationGuard} allows it. Other failures keep the
 * tokens and back off.</li>
 * </ol>
 * The token write and its lifecycle events commit in one transaction (the event publication registry is the outbox).
 * On shutdown this bean stops after the web server and waits for refreshes still in flight before the database
 * pool closes.
 */
@Component
public class RefreshCoordinator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RefreshCoordinator.class);

    private final ConcurrentMap<String, CompletableFuture<AccessToken>> inFlight = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> pendingLateAnswers = ConcurrentHashMap.newKeySet();
    private final ExecutorService lateAnswers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "token-late-answer");
        thread.setDaemon(true);
        return thread;
    });
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);

    private final TokenStore store;
    private final TokenCodec codec;
    private final TokenEndpointClient endpoint;
    private final RefreshPolicy policy;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final LeaseKeeper leases;
    private final RevocationGuard guard;
    private final TokenEndpointHealth health;
    private final DatabaseRetry databaseRetry;
    private final TokenProperties settings;
    private final Clock clock;
    private volatile boolean running;

    public RefreshCoordinator(TokenStore store, TokenCodec codec, TokenEndpointClient endpoint, RefreshPolicy policy,
            TransactionTemplate transactions, ApplicationEventPublisher events, LeaseKeeper leases,
            RevocationGuard guard, TokenEndpointHealth health, TokenProperties settings, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.endpoint = endpoint;
        this.policy = policy;
        this.transactions = transactions;
        this.events = events;
        this.leases = leases;
        this.guard = guard;
        this.health = health;
        this.databaseRetry = new DatabaseRetry(settings.answerWriteRetry());
        this.settings = settings;
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
     * @return the token to use; null only for a held lease whose athlete is already being refreshed in this JVM
     */
    public AccessToken refresh(String athleteId, RefreshTrigger trigger, AccessToken rejected, String heldLease) {
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        CompletableFuture<AccessToken> running = inFlight.putIfAbsent(athleteId, mine);
        if (running != null) {
            if (heldLease != null) {
                // The background refresher never waits on a read's refresh: it has other athletes to serve.
                transactions.executeWithoutResult(tx -> store.releaseLease(athleteId, heldLease));
                return null;
            }
            return await(athleteId, running);
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

    /** Joins someone else's refresh for at most {@code read-wait}; then serves a still-valid token or gives up. */
    private AccessToken await(String athleteId, CompletableFuture<AccessToken> running) {
        try {
            return running.get(settings.readWait().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
        catch (TimeoutException e) {
            return stillValidOrGiveUp(athleteId);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a refresh", e);
        }
    }

    private AccessToken stillValidOrGiveUp(String athleteId) {
        TokenRow row = store.find(athleteId).orElseThrow(() -> new NoTokenStoredException(athleteId));
        if (!row.expired(clock.instant())) {
            return codec.accessToken(row);
        }
        throw new TokenEndpointException(Operation.REFRESH, athleteId, null, "refresh_in_progress",
                "a refresh of this token is still in flight after " + settings.readWait(), Kind.UNAVAILABLE, null,
                null);
    }

    private AccessToken refreshUnderLease(String athleteId, RefreshTrigger trigger, AccessToken rejected,
            String heldLease) {
        String owner = heldLease != null ? heldLease : newLeaseOwner();
        Instant giveUpAt = clock.instant().plus(settings.readWait());
        while (true) {
            Instant now = clock.instant();
            Optional<TokenRow> claimed = transactions
                .execute(tx -> store.claimLease(athleteId, owner, now, now.plus(policy.leaseDuration())));
            if (claimed.isPresent()) {
                leases.hold(athleteId, owner);
                try {
                    return refreshClaimed(claimed.get(), owner, trigger, rejected);
                }
                finally {
                    leases.release(athleteId, owner);
                }
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
                        "another instance is refreshing this token and has not finished", Kind.UNAVAILABLE, null,
                        null);
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
                    "refresh failing; next attempt at " + row.nextAttemptAt(), Kind.UNAVAILABLE, null, null);
        }
        String refreshToken = codec.refreshToken(row);
        if (refreshToken == null) {
            TokenEndpointException noRefreshToken = new TokenEndpointException(Operation.REFRESH, athleteId, null,
                    "no_refresh_token", "TrainingPeaks never issued a refresh token for this grant",
                    Kind.GRANT_REJECTED, null, null);
            return failed(row, owner, trigger, noRefreshToken);
        }
        TokenGrant grant;
        try {
            grant = endpoint.refresh(athleteId, refreshToken, row.scope().isEmpty() ? null : row.scope());
        }
        catch (AnswerOverdueException overdue) {
            return overdue(row, owner, trigger, overdue);
        }
        catch (TokenEndpointException e) {
            return failed(row, owner, trigger, e);
        }
        health.succeeded();
        guard.refreshSucceeded();
        return refreshed(row, owner, grant);
    }

    /**
     * The call passed its deadline: the caller stops waiting (it gets the stored token while that is valid), but
     * the call may still answer until {@code late-answer-limit}. Until then the lease stays held and renewed, so
     * nobody else presents the same refresh token; an answer that arrives is written if the version fence holds,
     * an error answer is handled as it would have been on time, and only silence marks the answer lost.
     */
    private AccessToken overdue(TokenRow row, String owner, RefreshTrigger trigger, AnswerOverdueException overdue) {
        String athleteId = row.athleteId();
        leases.hold(athleteId, owner); // a second hold, for the late answer: the caller's ends when it returns
        CompletableFuture<Void> settled = overdue.lateAnswer().handleAsync((grant, error) -> {
            try {
                if (grant != null) {
                    health.succeeded();
                    guard.refreshSucceeded();
                    refreshed(row, owner, grant);
                    log.atInfo().addKeyValue("athleteId", athleteId).addKeyValue("outcome", "late_answer_written")
                        .log("A late refresh answer for athlete {} arrived within {} and was written", athleteId,
                                settings.lateAnswerLimit());
                }
                else {
                    failed(row, owner, trigger, lateFailure(error, overdue));
                }
            }
            catch (TokenException e) {
                // failed() throws what it recorded (and logged): nobody is waiting for it any more.
            }
            catch (RuntimeException e) {
                log.atError().addKeyValue("athleteId", athleteId).setCause(e)
                    .log("Handling a late refresh answer for athlete {} failed", athleteId);
            }
            finally {
                leases.release(athleteId, owner);
            }
            return null;
        }, lateAnswers);
        pendingLateAnswers.add(settled);
        settled.whenComplete((done, error) -> pendingLateAnswers.remove(settled));
        if (trigger != RefreshTrigger.REJECTED && !row.expired(clock.instant())) {
            return codec.accessToken(row);
        }
        throw overdue;
    }

    private static TokenEndpointException lateFailure(Throwable error, TokenEndpointException overdue) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof TokenEndpointException failure ? failure : overdue;
    }

    private boolean needsRefresh(TokenRow row, RefreshTrigger trigger, AccessToken rejected, Instant now) {
        if (trigger == RefreshTrigger.REJECTED) {
            // Only if the stored token is still the one the API refused; otherwise it was replaced already.
            return rejected == null || codec.accessToken(row).value().equals(rejected.value());
        }
        return row.refreshDue(now);
    }

    /** Writes the answer TrainingPeaks gave us, retrying through a database outage: it may be the only copy. */
    private AccessToken refreshed(TokenRow row, String owner, TokenGrant grant) {
        String athleteId = row.athleteId();
        Instant refreshAt = policy.refreshAt(grant.issuedAt(), grant.expiresAt());
        boolean recovered = row.failureCount() > 0;
        var encrypted = codec.encrypt(athleteId, grant, refreshAt);
        Optional<Long> version = databaseRetry.run("write the refreshed tokens of athlete " + athleteId,
                () -> transactions.execute(tx -> {
                    Instant now = clock.instant();
                    Optional<Long> written = store.writeRefreshed(athleteId, row.version(), owner, encrypted, now);
                    written.ifPresent(v -> events.publishEvent(
                            TokenRefreshed.of(athleteId, now, grant.scope(), grant.expiresAt(), recovered, v)));
                    return written;
                }));
        if (version.isEmpty()) {
            AccessToken current = currentToken(athleteId);
            if (current.value().equals(grant.accessToken())) {
                // A retry found our own write: an earlier attempt committed, but its acknowledgement was lost.
                log.atInfo().addKeyValue("athleteId", athleteId).addKeyValue("outcome", "refreshed")
                    .addKeyValue("expiresAt", grant.expiresAt())
                    .log("Refreshed token of athlete {}: expires {} (written by an attempt whose acknowledgement "
                            + "was lost)", athleteId, grant.expiresAt());
                return current;
            }
            FencedRefreshes.count();
            log.atWarn().addKeyValue("athleteId", athleteId).addKeyValue("outcome", "fenced")
                .addKeyValue("readVersion", row.version())
                .log("Refresh result for athlete {} discarded: the row changed while we refreshed", athleteId);
            return current;
        }
        log.atInfo().addKeyValue("athleteId", athleteId).addKeyValue("outcome", recovered ? "recovered" : "refreshed")
            .addKeyValue("httpStatus", 200).addKeyValue("expiresAt", grant.expiresAt())
            .addKeyValue("now", clock.instant()).addKeyValue("version", version.get())
            .log("Refreshed token of athlete {}: expires {}", athleteId, grant.expiresAt());
        return new AccessToken(grant.accessToken(), grant.expiresAt(), grant.scope());
    }

    /**
     * A rejected grant revokes (unless revocations are paused); anything else keeps the tokens and backs off. The
     * stored access token is handed out while it is still valid.
     */
    private AccessToken failed(TokenRow row, String owner, RefreshTrigger trigger, TokenEndpointException failure) {
        String athleteId = row.athleteId();
        Instant now = clock.instant();
        int attempt = row.failureCount() + 1;
        TokenEndpointException outcome = failure;
        if (failure.kind() == Kind.GRANT_REJECTED) {
            if (guard.mayRevoke(athleteId, failure, now)) {
                return revoke(row, failure, attempt, now);
            }
            outcome = new TokenEndpointException(Operation.REFRESH, athleteId, failure.httpStatus(),
                    failure.errorCode(), "revocation paused (too many athletes rejected at once): " + failure.detail(),
                    Kind.CLIENT_REJECTED, null, failure);
        }
        else if (failure.kind() == Kind.CLIENT_REJECTED) {
            health.clientRejected(failure);
        }
        TokenEndpointException recorded = outcome;
        boolean answerLost = failure.kind() == Kind.OUTCOME_UNKNOWN;
        Instant nextAttemptAt = now.plus(policy.backoff(attempt, failure.retryAfter()));
        transactions.executeWithoutResult(tx -> {
            if (store.recordFailure(athleteId, row.version(), owner, attempt, nextAttemptAt, recorded.errorCode(),
                    answerLost, now)) {
                events.publishEvent(TokenRefreshFailed.of(athleteId, now, recorded.errorCode(),
                        recorded.httpStatus(), recorded.detail(), true, attempt, nextAttemptAt));
            }
        });
        logFailure(athleteId, recorded, attempt, "retry_later", nextAttemptAt, row, now);
        if (trigger != RefreshTrigger.REJECTED && !row.expired(now)) {
            return codec.accessToken(row);
        }
        throw recorded;
    }

    private AccessToken revoke(TokenRow row, TokenEndpointException failure, int attempt, Instant now) {
        String athleteId = row.athleteId();
        Optional<Boolean> revoked = transactions.execute(tx -> {
            Optional<Boolean> answerLost = store.revokeIfVersion(athleteId, row.version());
            answerLost.ifPresent(lost -> {
                events.publishEvent(TokenRefreshFailed.of(athleteId, now, failure.errorCode(), failure.httpStatus(),
                        failure.detail(), false, attempt, null));
                events.publishEvent(lost
                        ? TokenRevoked.of(athleteId, now, TokenRevoked.Reason.REFRESH_ANSWER_LOST,
                                "We lost TrainingPeaks' answer to an earlier refresh, so the refresh token we hold "
                                        + "is no longer valid. Please reconnect. (" + failure.getMessage() + ")")
                        : TokenRevoked.of(athleteId, now, TokenRevoked.Reason.REFRESH_REJECTED, failure.getMessage()));
            });
            return answerLost;
        });
        String outcome = revoked.isEmpty() ? "fenced" : revoked.get() ? "revoked_answer_lost" : "revoked";
        logFailure(athleteId, failure, attempt, outcome, null, row, now);
        if (revoked.isEmpty()) {
            FencedRefreshes.count();
            // A newer grant replaced the row while we refreshed: our refresh token was simply outdated.
            return currentToken(athleteId);
        }
        throw failure;
    }

    /** Whatever is stored now: after being fenced off, the newer grant that won. */
    private AccessToken currentToken(String athleteId) {
        return store.find(athleteId).map(codec::accessToken).orElseThrow(() -> new NoTokenStoredException(athleteId));
    }

    private static void logFailure(String athleteId, TokenEndpointException failure, int attempt, String outcome,
            Instant nextAttemptAt, TokenRow row, Instant now) {
        log.atWarn().addKeyValue("athleteId", athleteId).addKeyValue("outcome", outcome)
            .addKeyValue("httpStatus", failure.httpStatus()).addKeyValue("errorCode", failure.errorCode())
            .addKeyValue("kind", failure.kind()).addKeyValue("attempt", attempt)
            .addKeyValue("nextAttemptAt", nextAttemptAt).addKeyValue("expiresAt", row.expiresAt())
            .addKeyValue("now", now)
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

    // ---- shutdown: after the web server, before the database pool ----

    @Override
    public void start() {
        running = true;
    }

    /**
     * Waits for refreshes still in flight, then for the late answers some of them still listen for (their answers
     * must be written), before the context closes the pool.
     */
    @Override
    public void stop() {
        running = false;
        Instant deadline = clock.instant().plus(settings.lateAnswerLimit()).plus(settings.answerWriteRetry());
        if (!inFlight.isEmpty() || !pendingLateAnswers.isEmpty()) {
            log.info("Shutting down: waiting for {} token refresh(es) and {} late answer(s) in flight",
                    inFlight.size(), pendingLateAnswers.size());
        }
        if (awaitAll(List.copyOf(inFlight.values()), deadline)) {
            awaitAll(List.copyOf(pendingLateAnswers), deadline);
        }
        leases.stop();
        lateAnswers.shutdown();
    }

    /** False when the deadline passed or the wait was interrupted. */
    private boolean awaitAll(List<? extends CompletableFuture<?>> pending, Instant deadline) {
        for (CompletableFuture<?> refresh : pending) {
            try {
                refresh.get(Math.max(1, Duration.between(clock.instant(), deadline).toMillis()),
                        TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException e) {
                // Its own failure handling ran; nothing left to persist.
            }
            catch (TimeoutException e) {
                log.warn("Shutting down with a token refresh still in flight for longer than {}",
                        settings.lateAnswerLimit().plus(settings.answerWriteRetry()));
                return false;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below the web server's phases: reads that are still being answered finish first. */
    @Override
    public int getPhase() {
        return 0;
    }
}
