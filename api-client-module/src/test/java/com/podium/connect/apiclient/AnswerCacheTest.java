package com.podium.connect.apiclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AnswerCacheTest {

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final AtomicInteger loads = new AtomicInteger();

    String load() {
        return "answer-" + loads.incrementAndGet();
    }

    @Test
    void answersAreReusedUntilTheyExpireAndThenEvicted() {
        AnswerCache cache = new AnswerCache(Duration.ofSeconds(60), clock);
        assertThat(cache.get("a", "profile", this::load)).isEqualTo("answer-1");
        assertThat(cache.get("a", "profile", this::load)).isEqualTo("answer-1");

        clock.now = clock.now.plusSeconds(61);

        assertThat(cache.holdsAnythingFor("a")).as("expired entries are gone, not just stale").isFalse();
        assertThat(cache.size()).isZero();
        assertThat(cache.get("a", "profile", this::load)).isEqualTo("answer-2");
    }

    @Test
    void theCacheIsBounded() {
        AnswerCache cache = new AnswerCache(Duration.ofHours(1), clock);
        for (int day = 0; day < AnswerCache.MAXIMUM_ENTRIES + 500; day++) {
            cache.put("a", "workouts:" + day, "w");
        }
        assertThat(cache.size()).isLessThanOrEqualTo(AnswerCache.MAXIMUM_ENTRIES);
    }

    @Test
    void forgettingAnAccountDropsOnlyItsAnswers() {
        AnswerCache cache = new AnswerCache(Duration.ofSeconds(60), clock);
        cache.get("a", "profile", this::load);
        cache.get("b", "profile", this::load);

        cache.evict("a");

        assertThat(cache.holdsAnythingFor("a")).isFalse();
        assertThat(cache.holdsAnythingFor("b")).isTrue();
    }

    @Test
    void aZeroTtlCachesNothing() {
        AnswerCache cache = new AnswerCache(Duration.ZERO, clock);
        cache.get("a", "profile", this::load);
        cache.get("a", "profile", this::load);
        assertThat(loads).hasValue(2);
        assertThat(cache.holdsAnythingFor("a")).isFalse();
    }
}
