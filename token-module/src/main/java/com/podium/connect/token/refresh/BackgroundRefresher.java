package com.podium.connect.token.refresh;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.podium.connect.token.TokenException;
import com.podium.connect.token.TokenProperties;
import com.podium.connect.token.storage.TokenStore;

/**
 * Refreshes due tokens before anyone asks for them, so reads rarely wait on TrainingPeaks.
 * <p>
 * Up to {@code scheduler.concurrency} refreshes run at once. Whenever slots are free the sweeper claims that many
 * due rows in one statement ({@code FOR UPDATE SKIP LOCKED}, setting their leases), commits, and hands each to a
 * worker; it sweeps back to back while tokens are due and pauses {@code scheduler.interval} only when none are. A
 * slow answer holds one slot (never longer than the call deadline), so it delays only its own athlete. Instances
 * sweeping side by side split the work instead of colliding.
 * <p>
 * On shutdown it stops claiming first and lets the refreshes in flight finish and write their answers.
 */
@Component
public class BackgroundRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundRefresher.class);

    private final TokenStore store;
    private final RefreshCoordinator coordinator;
    private final RefreshPolicy policy;
    private final TransactionTemplate transactions;
    private final TokenProperties settings;
    private final Clock clock;
    private final int concurrency;
    private final Semaphore slots;
    private final ThreadPoolExecutor workers;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Thread sweeper;
    private volatile boolean running;

    public BackgroundRefresher(TokenStore store, RefreshCoordinator coordinator, RefreshPolicy policy,
            TransactionTemplate transactions, TokenProperties settings, Clock clock) {
        this.store = store;
        this.coordinator = coordinator;
        this.policy = policy;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.concurrency = Math.max(1, settings.scheduler().concurrency());
        this.slots = new Semaphore(concurrency);
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "token-refresher-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.workers.allowCoreThreadTimeOut(true);
    }

    /**
     * One pass for callers that want to drive it (tests, one-shot commands): claims up to {@code concurrency} due
     * tokens, refreshes them in parallel and waits for all of them. Returns how many it claimed.
     */
    public int refreshDue() {
        Claim claim = claim(concurrency);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (String athleteId : claim.athletes()) {
            done.add(CompletableFuture.runAsync(() -> refreshOne(athleteId, claim.owner()), workers));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        return claim.athletes().size();
    }

    /** Due rows leased under one fresh owner. */
    private record Claim(String owner, List<String> athletes) {
    }

    private Claim claim(int limit) {
        String owner = coordinator.newLeaseOwner();
        Instant now = clock.instant();
        return new Claim(owner,
                transactions.execute(tx -> store.claimDue(owner, now, now.plus(policy.leaseDuration()), limit)));
    }

    private void refreshOne(String athleteId, String owner) {
        try {
            coordinator.refresh(athleteId, RefreshTrigger.SCHEDULED, null, owner);
        }
        catch (TokenException e) {
            // Already logged and published by the coordinator; the next sweep or read carries on.
            log.debug("Background refresh of athlete {} failed: {}", athleteId, e.getMessage());
        }
        catch (RuntimeException e) {
            try {
                store.releaseLease(athleteId, owner);
            }
            catch (RuntimeException ignored) {
                // The lease runs out by itself.
            }
            log.atError().addKeyValue("athleteId", athleteId).setCause(e)
                .log("Background refresh of athlete {} failed unexpectedly", athleteId);
        }
    }

    /** The sweeper: claims as many due rows as there are free slots, back to back while any are due. */
    private void sweep() {
        while (running) {
            try {
                if (!slots.tryAcquire(settings.scheduler().interval().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int wanted = 1 + slots.drainPermits();
                Claim claim;
                try {
                    claim = running ? claim(wanted) : new Claim(null, List.of());
                }
                catch (RuntimeException e) {
                    slots.release(wanted);
                    log.atWarn().log("Background refresher could not claim due tokens: {}", e.getClass().getSimpleName());
                    pause();
                    continue;
                }
                List<String> claimed = claim.athletes();
                slots.release(wanted - claimed.size());
                for (String athleteId : claimed) {
                    workers.execute(() -> {
                        try {
                            refreshOne(athleteId, claim.owner());
                        }
                        finally {
                            slots.release();
                        }
                    });
                }
                if (claimed.isEmpty()) {
                    pause();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void pause() {
        try {
            stopping.await(settings.scheduler().interval().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        if (settings.scheduler().enabled()) {
            Thread thread = new Thread(this::sweep, "token-refresh-sweeper");
            thread.setDaemon(true);
            sweeper = thread;
            thread.start();
        }
    }

    /** Stops claiming, then waits for the refreshes in flight to write their answers. */
    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        Thread thread = sweeper;
        try {
            if (thread != null) {
                thread.join(settings.scheduler().interval().toMillis() + 5_000);
            }
            workers.shutdown();
            if (!workers.awaitTermination(settings.callTimeout().plus(settings.answerWriteRetry()).toMillis(),
                    TimeUnit.MILLISECONDS)) {
                log.warn("Shutting down with background token refreshes still in flight");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before anything else: no new claims while the application shuts down. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
