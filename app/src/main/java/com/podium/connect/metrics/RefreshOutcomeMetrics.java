package com.podium.connect.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.podium.connect.token.TokenRefreshFailed;
import com.podium.connect.token.TokenRefreshed;
import com.podium.connect.token.TokenRevoked;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@value #NAME}{outcome}: token refreshes by outcome, counted from the token module's events once their
 * transaction committed (a rolled-back refresh happened for nobody). {@code fenced} refreshes publish no event;
 * the token module counts those itself under the same name.
 * <p>
 * A plain {@code @EventListener} rather than a transactional one: Spring Modulith would keep an event publication
 * row for every transactional listener, and a counter is not worth an outbox entry.
 */
@Component
class RefreshOutcomeMetrics {

    static final String NAME = "podium.token.refreshes";

    static final List<String> OUTCOMES = List.of("refreshed", "recovered", "retry_later", "revoked", "fenced");

    private final Map<String, Counter> counters;

    RefreshOutcomeMetrics(MeterRegistry registry) {
        // Registered up front so every outcome is a series at 0 before the first refresh.
        this.counters = OUTCOMES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                outcome -> Counter.builder(NAME)
                    .description("Token refreshes by outcome")
                    .tag("outcome", outcome)
                    .register(registry)));
    }

    @EventListener
    void on(TokenRefreshed event) {
        count(event.recovered() ? "recovered" : "refreshed");
    }

    @EventListener
    void on(TokenRefreshFailed event) {
        if (event.retryable()) {
            count("retry_later"); // a terminal failure is counted by the TokenRevoked that follows it
        }
    }

    @EventListener
    void on(TokenRevoked event) {
        if (event.reason() != TokenRevoked.Reason.DISCONNECTED) {
            count("revoked"); // a user's own disconnect is not a refresh
        }
    }

    private void count(String outcome) {
        Counter counter = counters.get(outcome);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        }
        else {
            counter.increment();
        }
    }
}
