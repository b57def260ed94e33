package com.podium.connect.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Bounds a check that can hang (a database that stopped answering holds a pool thread for the whole connection
 * timeout): the answer is whatever the check says within {@code timeout}, else DOWN "no answer within ...". At
 * most one check runs at a time; while a hung one is still running, callers get DOWN at once instead of piling
 * up more threads behind it.
 */
final class TimeLimitedHealthIndicator implements HealthIndicator {

    private final HealthIndicator delegate;
    private final Duration timeout;
    private final Executor executor;
    private CompletableFuture<Health> running;

    TimeLimitedHealthIndicator(HealthIndicator delegate, Duration timeout, Executor executor) {
        this.delegate = delegate;
        this.timeout = timeout;
        this.executor = executor;
    }

    @Override
    public Health health() {
        CompletableFuture<Health> check = start();
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms").build();
        }
        catch (ExecutionException e) {
            return Health.down().withDetail("error", e.getCause().getClass().getSimpleName()).build();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        }
    }

    private synchronized CompletableFuture<Health> start() {
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(delegate::health, executor);
        }
        return running;
    }
}
