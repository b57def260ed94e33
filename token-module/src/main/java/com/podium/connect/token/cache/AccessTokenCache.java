package com.podium.connect.token.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.podium.connect.token.AccessToken;

/**
 * This instance's decrypted access tokens, in memory only (never written anywhere, never logged), so that a hot read
 * skips the database. An entry lives until its token is due for refresh or {@code maxAge}, whichever comes first, and
 * a due entry is never handed out. Entries are dropped:
 * <ul>
 * <li>after the commit of every local write that replaces or deletes a token ({@code TokenStore} calls
 * {@link #evictAfterCommit}): refresh, revocation, disconnect, re-authorization;</li>
 * <li>when the API rejected exactly the cached token with a 401 ({@link #evictRejected});</li>
 * <li>when any token event of the athlete arrives on Kafka ({@link TokenEventEvictions}), which is how another
 * instance's refresh, revocation or re-authorization reaches this one.</li>
 * </ul>
 * <b>What a stale entry costs, and for how long.</b> Another instance's write reaches this one with its event: the
 * outbox sends it after the commit, typically within milliseconds; while Kafka or the relay is down, not until they
 * are back. Until then this instance may hand out the token the other instance replaced or deleted, never for longer
 * than {@code maxAge} (and never past the token's refresh time). For a refresh elsewhere that costs nothing while the
 * old token is still valid, and at worst one 401 if TrainingPeaks revoked it: the 401 drops the entry and
 * {@code refreshRejected} hands out the newer stored token without a token call. For a disconnect or a revocation
 * elsewhere, this instance may go on calling TrainingPeaks for the athlete with the old token for that window (the
 * API client's own block on the athlete arrives with the same event); a re-authorization with another scope may be
 * served with the old scope as long. {@code maxAge} is that bound: set it to zero to read the database every time.
 * <p>
 * <b>No stale fill.</b> A reader that read the database just before a write committed must not put the old token in
 * after the write's eviction. Every eviction first bumps a counter of the athlete's stripe; a reader notes the counter
 * before reading the database and withdraws its entry if the counter moved by the time the entry is in. Either the
 * reader sees the bump and withdraws, or the bump (and the eviction after it) came later and removes the entry. The
 * database read runs outside any lock.
 */
public class AccessTokenCache {

    /** What a database read found: the token and when it is due. */
    public record Entry(AccessToken token, Instant refreshAt) {
    }

    private static final int STRIPES = 1024;

    private final Cache<String, Entry> entries;
    private final AtomicLongArray evictions = new AtomicLongArray(STRIPES);
    private final Clock clock;
    private final boolean enabled;

    public AccessTokenCache(TokenCacheProperties settings, Clock clock) {
        this.clock = clock;
        this.enabled = settings.enabled() && settings.maximumSize() > 0 && settings.maxAge().compareTo(Duration.ZERO) > 0;
        this.entries = Caffeine.newBuilder().maximumSize(settings.maximumSize())
            .expireAfter(new UntilDue(clock, settings.maxAge()))
            .build();
    }

    /**
     * The athlete's token when one is cached and not due; otherwise {@code read}'s, kept when it is not due either.
     *
     * @param read reads the database; returns null when the stored token is due (then nothing is cached)
     * @return null when the stored token is due
     */
    public AccessToken get(String athleteId, Function<String, Entry> read) {
        Instant now = clock.instant();
        Entry cached = enabled ? entries.getIfPresent(athleteId) : null;
        if (cached != null) {
            if (now.isBefore(cached.refreshAt())) {
                return cached.token();
            }
            entries.asMap().remove(athleteId, cached);
        }
        long stamp = evictions.get(stripe(athleteId));
        Entry found = read.apply(athleteId);
        if (found == null) {
            return null;
        }
        if (enabled && clock.instant().isBefore(found.refreshAt())) {
            entries.put(athleteId, found);
            if (evictions.get(stripe(athleteId)) != stamp) {
                entries.asMap().remove(athleteId, found);
            }
        }
        return found.token();
    }

    /** Drops the athlete's entry now. */
    public void evict(String athleteId) {
        evictions.incrementAndGet(stripe(athleteId));
        entries.invalidate(athleteId);
    }

    /**
     * Drops the athlete's entry once the caller's transaction has completed (at once without one): evicting before the
     * commit would let a reader put the old, still committed token back.
     */
    public void evictAfterCommit(String athleteId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            evict(athleteId);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                evict(athleteId);
            }
        });
    }

    /** The API answered 401 to {@code rejected}: drop it if it is what is cached (a newer entry stays). */
    public void evictRejected(String athleteId, AccessToken rejected) {
        Entry cached = entries.getIfPresent(athleteId);
        if (cached != null && rejected != null && cached.token().value().equals(rejected.value())) {
            entries.asMap().remove(athleteId, cached);
        }
    }

    /** Whether a token of the athlete is cached (for tests and diagnostics; not a read). */
    public boolean holds(String athleteId) {
        return entries.getIfPresent(athleteId) != null;
    }

    private static int stripe(String athleteId) {
        return Math.floorMod(athleteId.hashCode(), STRIPES);
    }

    /** Each entry expires when its token falls due, or after {@code maxAge}, whichever is first. */
    private record UntilDue(Clock clock, Duration maxAge) implements Expiry<String, Entry> {

        @Override
        public long expireAfterCreate(String athleteId, Entry entry, long currentTime) {
            Duration untilDue = Duration.between(clock.instant(), entry.refreshAt());
            Duration lifetime = untilDue.compareTo(maxAge) < 0 ? untilDue : maxAge;
            return Math.max(0, lifetime.toNanos());
        }

        @Override
        public long expireAfterUpdate(String athleteId, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(athleteId, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String athleteId, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
