package com.podium.connect.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Pages never wait on TrainingPeaks: every section is fetched in parallel, the page waits at most its time budget,
 * and a section that is not there by then shows the last good answer with its "as of" time (or "still loading").
 * A fetch that outlives the page goes on in the background and is the next page's last good answer. One fetch per
 * key at a time: a page load while one is running waits for the same one instead of starting another.
 */
@Component
class FreshOrLastGood implements DisposableBean {

    private record Stamped(Object value, Instant at) {
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(6, daemonThreads());
    private final ConcurrentMap<String, Stamped> lastGood = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<Object>> running = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** Starts (or joins) the fetch of {@code key}. */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> start(String key, Supplier<T> fetch) {
        CompletableFuture<Object> existing = running.get(key);
        if (existing != null) {
            return (CompletableFuture<T>) existing;
        }
        CompletableFuture<Object> future = new CompletableFuture<>();
        CompletableFuture<Object> winner = running.putIfAbsent(key, future);
        if (winner != null) {
            return (CompletableFuture<T>) winner;
        }
        remember(key, future);
        pool.execute(() -> {
            try {
                future.complete(fetch.get());
            }
            catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        });
        return (CompletableFuture<T>) future;
    }

    private void remember(String key, CompletableFuture<Object> future) {
        future.whenComplete((value, error) -> {
            if (error == null && value != null) {
                lastGood.put(key, new Stamped(value, clock.instant()));
            }
            running.remove(key, future);
        });
    }

    /**
     * Starts (or joins) the fetches of {@code parts} (one per key, e.g. one per 45-day request) and their
     * concatenation under {@code key}, which is what the last good answer is kept under.
     */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<List<T>> startAll(String key, Map<String, Supplier<List<T>>> parts) {
        CompletableFuture<Object> existing = running.get(key);
        if (existing != null) {
            return (CompletableFuture<List<T>>) (CompletableFuture<?>) existing;
        }
        List<CompletableFuture<List<T>>> futures = parts.entrySet().stream()
            .map(part -> start(part.getKey(), part.getValue())).toList();
        CompletableFuture<Object> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
            .thenApply(done -> futures.stream().flatMap(future -> future.join().stream()).toList());
        CompletableFuture<Object> winner = running.putIfAbsent(key, all);
        if (winner != null) {
            return (CompletableFuture<List<T>>) (CompletableFuture<?>) winner;
        }
        remember(key, all);
        return (CompletableFuture<List<T>>) (CompletableFuture<?>) all;
    }

    /** The fetch's answer if it comes before {@code deadline}; else the last good one, marked stale; else why not. */
    @SuppressWarnings("unchecked")
    <T> Section<T> await(String key, CompletableFuture<T> fetch, Instant deadline) {
        try {
            long wait = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
            return Section.fresh(fetch.get(wait, TimeUnit.MILLISECONDS), clock.instant());
        }
        catch (TimeoutException slow) {
            Stamped last = lastGood.get(key);
            return last != null ? Section.stale((T) last.value(), last.at(), Section.SLOW)
                    : Section.failed(Section.LOADING, false);
        }
        catch (ExecutionException | java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            Section<T> failure = Section.failure(cause);
            Stamped last = lastGood.get(key);
            return last != null && !failure.needsReauthorization()
                    ? Section.stale((T) last.value(), last.at(), failure.problem()) : failure;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Section.failed(Section.LOADING, false);
        }
    }

    /** Forgets an account's answers: after it connected again, possibly to another TrainingPeaks user. */
    void forget(String accountId) {
        lastGood.keySet().removeIf(key -> key.startsWith(accountId + "|"));
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "page-fetch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
