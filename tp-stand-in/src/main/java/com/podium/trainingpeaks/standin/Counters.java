package com.podium.trainingpeaks.standin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Call counters, bumped when a request arrives so tests can see calls that are still being delayed. */
final class Counters {

    final AtomicInteger authorize = new AtomicInteger();
    final AtomicInteger token = new AtomicInteger();
    final AtomicInteger refresh = new AtomicInteger();
    final AtomicInteger exchange = new AtomicInteger();
    final AtomicInteger api = new AtomicInteger();
    final AtomicInteger deauthorize = new AtomicInteger();
    /** Token calls being answered right now, and the most there ever were at once. */
    final AtomicInteger tokenInFlight = new AtomicInteger();
    final AtomicInteger tokenMaxInFlight = new AtomicInteger();

    void reset() {
        for (AtomicInteger counter : new AtomicInteger[] {authorize, token, refresh, exchange, api, deauthorize}) {
            counter.set(0);
        }
        tokenMaxInFlight.set(tokenInFlight.get());
    }

    Map<String, Object> snapshot() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("authorizeCalls", authorize.get());
        json.put("tokenCalls", token.get());
        json.put("refreshCalls", refresh.get());
        json.put("exchangeCalls", exchange.get());
        json.put("apiCalls", api.get());
        json.put("deauthorizeCalls", deauthorize.get());
        json.put("maxConcurrentTokenCalls", tokenMaxInFlight.get());
        return json;
    }
}
