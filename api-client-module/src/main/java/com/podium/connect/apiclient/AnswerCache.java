package com.podium.connect.apiclient;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Recent answers per account for a short time, so a dashboard reload does not cost a round of API calls. A bounded
 * Caffeine cache: entries are evicted when they expire or when it is full, so keys of past days do not pile up.
 * Loads run outside the cache: two concurrent misses may both call, which is cheaper than blocking on HTTP.
 */
final class AnswerCache {

    /** About 25 answers per account (profile, ranges, roster entries): room for several hundred accounts. */
    static final long MAXIMUM_ENTRIES = 10_000;

    private record Key(String accountId, String name) {
    }

    private final Cache<Key, Object> answers;
    private final boolean enabled;

    AnswerCache(Duration ttl, Clock clock) {
        this.enabled = !ttl.isZero() && !ttl.isNegative();
        this.answers = Caffeine.newBuilder()
            .expireAfterWrite(enabled ? ttl : Duration.ofNanos(1))
            .maximumSize(MAXIMUM_ENTRIES)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .recordStats()
            .build();
    }

    @SuppressWarnings("unchecked")
    <T> T get(String accountId, String key, Supplier<T> loader) {
        Object cached = answers.getIfPresent(new Key(accountId, key));
        if (cached != null) {
            return (T) cached;
        }
        T value = loader.get();
        put(accountId, key, value);
        return value;
    }

    void put(String accountId, String key, Object value) {
        if (enabled && value != null) {
            answers.put(new Key(accountId, key), value);
        }
    }

    void evict(String accountId) {
        answers.asMap().keySet().removeIf(key -> key.accountId().equals(accountId));
    }

    boolean holdsAnythingFor(String accountId) {
        return count(accountId) > 0;
    }

    long count(String accountId) {
        answers.cleanUp();
        return answers.asMap().keySet().stream().filter(key -> key.accountId().equals(accountId)).count();
    }

    /** Reports hits, misses, evictions and size as Micrometer's cache metrics, {@code cache="trainingpeaks-api"}. */
    void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, answers, "trainingpeaks-api");
    }

    /** Entries held right now (after pending evictions): lets tests see that the cache stays bounded. */
    long size() {
        answers.cleanUp();
        return answers.estimatedSize();
    }
}
