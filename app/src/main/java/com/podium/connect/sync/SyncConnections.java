package com.podium.connect.sync;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.podium.connect.auth.AuthorizationCompleted;
import com.podium.connect.token.TokenRevoked;

/**
 * Follows connections, in the transaction that changes them (like the auth module's prompts): a revocation or a
 * disconnect deletes the account's synced data and stops its sync (a sync in flight is fenced off by the lease),
 * on every instance at once since the store is shared; a new authorization starts the account afresh, due now.
 */
@Component
class SyncConnections {

    private final SyncWrites writes;
    private final Clock clock = Clock.systemUTC();

    SyncConnections(SyncWrites writes) {
        this.writes = writes;
    }

    @EventListener
    void on(TokenRevoked revoked) {
        writes.forget(revoked.athleteId());
    }

    @EventListener
    void on(AuthorizationCompleted completed) {
        writes.restart(completed.athleteId(), clock.instant());
    }
}
