package com.podium.connect.token.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.podium.connect.token.AccessToken;

class AccessTokenCacheTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    MutableClock clock = new MutableClock();
    AccessTokenCache cache = new AccessTokenCache(new TokenCacheProperties(true, 100, Duration.ofMinutes(1)), clock);
    AtomicInteger reads = new AtomicInteger();

    AccessTokenCache.Entry stored(String value, Duration dueIn) {
        return new AccessTokenCache.Entry(new AccessToken(value, NOW.plus(dueIn).plusSeconds(60), "s"), NOW.plus(dueIn));
    }

    AccessToken read(AccessTokenCache.Entry found) {
        return cache.get("a", id -> {
            reads.incrementAndGet();
            return found;
        });
    }

    @Test
    void aTokenThatIsNotDueIsReadOnce() {
        assertThat(read(stored("t1", Duration.ofMinutes(5))).value()).isEqualTo("t1");
        assertThat(read(stored("t2", Duration.ofMinutes(5))).value()).isEqualTo("t1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aDueEntryIsNeverServed() {
        read(stored("t1", Duration.ofSeconds(10)));
        clock.now = NOW.plusSeconds(10);

        assertThat(read(null)).as("due: the caller refreshes").isNull();
        assertThat(reads).hasValue(2);
        assertThat(cache.holds("a")).isFalse();
    }

    @Test
    void aDueTokenIsNotCached() {
        assertThat(read(stored("t1", Duration.ZERO)).value()).isEqualTo("t1");
        assertThat(cache.holds("a")).isFalse();
    }

    @Test
    void anEvictionDuringTheDatabaseReadKeepsItsResultOutOfTheCache() {
        AccessToken token = cache.get("a", id -> {
            cache.evict("a"); // a write committed elsewhere while this read still saw the old row
            return stored("old", Duration.ofMinutes(5));
        });

        assertThat(token.value()).isEqualTo("old");
        assertThat(cache.holds("a")).isFalse();
    }

    @Test
    void aRejectionDropsOnlyThatExactToken() {
        read(stored("t1", Duration.ofMinutes(5)));

        cache.evictRejected("a", new AccessToken("older", NOW, "s"));
        assertThat(cache.holds("a")).isTrue();

        cache.evictRejected("a", new AccessToken("t1", NOW, "s"));
        assertThat(cache.holds("a")).isFalse();
    }

    @Test
    void aZeroMaxAgeReadsTheDatabaseEveryTime() {
        cache = new AccessTokenCache(new TokenCacheProperties(true, 100, Duration.ZERO), clock);
        read(stored("t1", Duration.ofMinutes(5)));
        read(stored("t1", Duration.ofMinutes(5)));

        assertThat(reads).hasValue(2);
    }

    static final class MutableClock extends Clock {
        Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
