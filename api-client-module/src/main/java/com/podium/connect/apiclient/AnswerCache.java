package com.podium.connect.apiclient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Recent answers per athlete for a short time, so a dashboard reload does not cost three API calls. Loads run
 * outside any lock: two concurrent misses may both call, which is cheaper than holding a lock over HTTP.
 */
final class AnswerCache {

    private record Entry(Object value, Instant expiresAt) {
    }

    private final Map<String, Map<String, Entry>> byAthlete = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    AnswerCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String athleteId, String key, Supplier<T> loader) {
        Entry entry = byAthlete.getOrDefault(athleteId, Map.of()).get(key);
        if (entry != null && clock.instant().isBefore(entry.expiresAt())) {
            return (T) entry.value();
        }
        T value = loader.get();
        put(athleteId, key, value);
        return value;
    }

    void put(String athleteId, String key, Object value) {
        if (!ttl.isZero() && !ttl.isNegative()) {
            byAthlete.computeIfAbsent(athleteId, id -> new ConcurrentHashMap<>())
                .put(key, new Entry(value, clock.instant().plus(ttl)));
        }
    }

    void evict(String athleteId) {
        byAthlete.remove(athleteId);
    }

    boolean holdsAnythingFor(String athleteId) {
        return !byAthlete.getOrDefault(athleteId, Map.of()).isEmpty();
    }
}
