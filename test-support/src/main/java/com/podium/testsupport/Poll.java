package com.podium.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for something asynchronous (an event, a Kafka record, a row) with a deadline instead of a fixed sleep. */
public final class Poll {

    private Poll() {
    }

    /** Polls {@code condition} every 50 ms until it holds; fails naming {@code what} once {@code timeout} passed. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
