package com.podium.connect.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.podium.connect.apiclient.ReauthorizationRequiredException;
import com.podium.connect.apiclient.TrainingPeaksApiException;

class FreshOrLastGoodTest {

    final FreshOrLastGood fetches = new FreshOrLastGood();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        fetches.destroy();
    }

    static Instant in(Duration duration) {
        return Instant.now().plus(duration);
    }

    String blocked(String value) {
        try {
            release.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return value;
    }

    @Test
    void anAnswerWithinTheBudgetIsFresh() {
        Section<String> section = fetches.await("a|x", fetches.start("a|x", () -> "hello"), in(Duration.ofSeconds(5)));

        assertThat(section.data()).isEqualTo("hello");
        assertThat(section.stale()).isFalse();
        assertThat(section.problem()).isNull();
    }

    @Test
    void aSlowAnswerShowsTheLastGoodOneThenBecomesItself() throws Exception {
        fetches.await("a|x", fetches.start("a|x", () -> "monday's"), in(Duration.ofSeconds(5)));

        CompletableFuture<String> slow = fetches.start("a|x", () -> blocked("tuesday's"));
        Section<String> meanwhile = fetches.await("a|x", slow, in(Duration.ofMillis(50)));

        assertThat(meanwhile.data()).isEqualTo("monday's");
        assertThat(meanwhile.stale()).isTrue();
        assertThat(meanwhile.problem()).isEqualTo(Section.SLOW);
        assertThat(meanwhile.asOf()).isNotNull();

        release.countDown();
        slow.get();
        Thread.sleep(50); // the last good answer is recorded right after completion
        assertThat(fetches.await("a|x", new CompletableFuture<String>(), in(Duration.ofMillis(50))).data())
            .isEqualTo("tuesday's");
    }

    @Test
    void nothingYetSaysStillLoadingAndOneFetchServesEveryone() {
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> first = fetches.start("a|y", () -> {
            calls.incrementAndGet();
            return blocked("y");
        });
        CompletableFuture<String> second = fetches.start("a|y", () -> {
            calls.incrementAndGet();
            return "other";
        });

        Section<String> section = fetches.await("a|y", first, in(Duration.ofMillis(50)));

        assertThat(section.ok()).isFalse();
        assertThat(section.problem()).isEqualTo(Section.LOADING);
        assertThat(second).isSameAs(first);
        release.countDown();
        assertThat(first.join()).isEqualTo("y");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFailureKeepsTheLastGoodAnswerButARevocationDoesNot() {
        fetches.await("a|z", fetches.start("a|z", () -> "good"), in(Duration.ofSeconds(5)));
        Section<String> failing = fetches.await("a|z", fetches.start("a|z", () -> {
            throw new TrainingPeaksApiException("a", "/v2/x", 502, "non_json_body", "", true, null, null);
        }), in(Duration.ofSeconds(5)));
        Section<String> revoked = fetches.await("a|z", fetches.start("a|z", () -> {
            throw new ReauthorizationRequiredException("a", "revoked");
        }), in(Duration.ofSeconds(5)));

        assertThat(failing.data()).isEqualTo("good");
        assertThat(failing.problem()).contains("not answering").doesNotContain("502", "non_json_body");
        assertThat(revoked.ok()).isFalse();
        assertThat(revoked.needsReauthorization()).isTrue();
    }
}
