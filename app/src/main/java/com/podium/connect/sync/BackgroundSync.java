package com.podium.connect.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the store fresh. Up to {@code podium.sync.concurrency} accounts sync at once on each instance: whenever
 * slots are free, the sweeper leases that many due accounts in one statement ({@code FOR UPDATE SKIP LOCKED}),
 * commits, and hands each to a worker, so instances side by side split the work and an account is synced by one
 * of them at a time. The schedule is the table ({@code next_sync_at}), not memory: a restart or another instance
 * carries on where this one stopped, and an instance that dies mid-sync lets its lease run out.
 */
@Component
public class BackgroundSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundSync.class);

    private final SyncWrites writes;
    private final AccountSync accounts;
    private final SyncProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Semaphore slots;
    private final ExecutorService workers;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Thread sweeper;
    private volatile boolean running;

    BackgroundSync(SyncWrites writes, AccountSync accounts, SyncProperties properties) {
        this.writes = writes;
        this.accounts = accounts;
        this.properties = properties;
        this.slots = new Semaphore(properties.concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(properties.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "tp-sync-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One pass for callers that drive it (tests): syncs the accounts due now, in parallel, and waits for them. */
    public int syncDue() {
        String owner = owner();
        List<String> due = claim(owner, properties.concurrency());
        List<CompletableFuture<Void>> done = new ArrayList<>();
        due.forEach(account -> done.add(CompletableFuture.runAsync(() -> accounts.run(account, owner), workers)));
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        return due.size();
    }

    private List<String> claim(String owner, int limit) {
        Instant now = clock.instant();
        return writes.claimDue(owner, now, now.plus(properties.lease()), limit);
    }

    private static String owner() {
        return "sync-" + UUID.randomUUID();
    }

    private void sweep() {
        while (running) {
            try {
                if (!slots.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int wanted = 1 + slots.drainPermits();
                String owner = owner();
                List<String> claimed;
                try {
                    claimed = running ? claim(owner, wanted) : List.of();
                }
                catch (RuntimeException e) {
                    slots.release(wanted);
                    log.warn("Background sync could not claim due accounts: {}", e.getClass().getSimpleName());
                    pause();
                    continue;
                }
                slots.release(wanted - claimed.size());
                for (String account : claimed) {
                    try {
                        workers.execute(() -> {
                            try {
                                accounts.run(account, owner);
                            }
                            catch (RuntimeException e) {
                                log.warn("Sync of account {} failed unexpectedly: {}", account, e.toString());
                            }
                            finally {
                                slots.release();
                            }
                        });
                    }
                    catch (RejectedExecutionException stopping) {
                        // Claimed as the instance stops: give it back now rather than when its lease runs out.
                        writes.release(account, owner);
                        slots.release();
                    }
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
            stopping.await(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        if (properties.enabled()) {
            Thread thread = new Thread(this::sweep, "tp-sync-sweeper");
            thread.setDaemon(true);
            sweeper = thread;
            thread.start();
        }
    }

    /**
     * Stops claiming, then interrupts the syncs in flight (nothing half-written: writes are fenced; a sync that ends
     * as failed gives its lease back, one that does not keeps it until it runs out). The sweeper goes first, so it
     * hands no account to stopped workers.
     */
    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        Thread thread = sweeper;
        if (thread != null) {
            try {
                thread.join(properties.pollInterval().toMillis() + 2_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
