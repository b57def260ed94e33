package com.podium.connect.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** A hanging check (a database that stopped answering) answers DOWN within its own timeout and does not pile up. */
class TimeLimitedHealthIndicatorTest {

    final ExecutorService executor = Executors.newCachedThreadPool();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
    }

    @Test
    void aHangingCheckIsDownWithTheReasonAndOnlyOneRunsAtATime() {
        AtomicInteger started = new AtomicInteger();
        TimeLimitedHealthIndicator db = new TimeLimitedHealthIndicator(() -> {
            started.incrementAndGet();
            await(release);
            return Health.up().build();
        }, Duration.ofMillis(200), executor);

        Health first = db.health();
        Health second = db.health();

        assertThat(first.getStatus()).isEqualTo(Status.DOWN);
        assertThat(first.getDetails()).containsEntry("error", "no answer within 200 ms");
        assertThat(second.getStatus()).isEqualTo(Status.DOWN);
        assertThat(started).as("the second call waits on the hung check instead of starting another").hasValue(1);
    }

    @Test
    void aCheckThatAnswersInTimeIsPassedOn() {
        TimeLimitedHealthIndicator db = new TimeLimitedHealthIndicator(
                () -> Health.up().withDetail("database", "PostgreSQL").build(), Duration.ofSeconds(5), executor);

        assertThat(db.health().getStatus()).isEqualTo(Status.UP);
        assertThat(db.health().getDetails()).containsEntry("database", "PostgreSQL");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
