package com.podium.trainingpeaks.standin;

import java.util.LinkedHashMap;
import java.util.Map;

/** "Fail the next n calls with kind": armed by a test, consumed one per arriving call. */
final class FailureQueue {

    private int remaining;
    private Failure kind;

    synchronized void arm(int count, Failure failure) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        if (count > 0 && failure == null) {
            throw new IllegalArgumentException("failure kind is required");
        }
        remaining = count;
        kind = count == 0 ? null : failure;
    }

    /** The failure for this call, or null when none is armed. */
    synchronized Failure take() {
        if (remaining <= 0) {
            return null;
        }
        remaining--;
        return kind;
    }

    synchronized Map<String, Object> snapshot() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("remaining", remaining);
        json.put("kind", remaining > 0 ? kind.name() : null);
        return json;
    }
}
