package com.podium.connect.token.refresh;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.podium.connect.token.TokenException;
import com.podium.connect.token.TokenProperties;
import com.podium.connect.token.storage.TokenStore;

/**
 * Refreshes due tokens before anyone asks for them, so reads rarely wait on TrainingPeaks. Each sweep claims the
 * leases of a batch of due rows in one statement ({@code FOR UPDATE SKIP LOCKED}), commits, then refreshes them;
 * instances sweeping at the same time split the work instead of colliding.
 */
@Component
public class BackgroundRefresher {

    private static final Logger log = LoggerFactory.getLogger(BackgroundRefresher.class);

    private final TokenStore store;
    private final RefreshCoordinator coordinator;
    private final RefreshPolicy policy;
    private final TransactionTemplate transactions;
    private final TokenProperties settings;
    private final Clock clock;

    public BackgroundRefresher(TokenStore store, RefreshCoordinator coordinator, RefreshPolicy policy,
            TransactionTemplate transactions, TokenProperties settings, Clock clock) {
        this.store = store;
        this.coordinator = coordinator;
        this.policy = policy;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${podium.tokens.scheduler.interval:PT10S}",
            initialDelayString = "${podium.tokens.scheduler.interval:PT10S}")
    public void sweep() {
        if (settings.scheduler().enabled()) {
            refreshDue();
        }
    }

    /** One sweep; returns how many tokens it claimed. */
    public int refreshDue() {
        String owner = coordinator.newLeaseOwner();
        Instant now = clock.instant();
        List<String> claimed = transactions.execute(tx -> store.claimDue(owner, now,
                now.plus(policy.leaseDuration()), settings.scheduler().batchSize()));
        for (String athleteId : claimed) {
            try {
                coordinator.refresh(athleteId, RefreshTrigger.SCHEDULED, null, owner);
            }
            catch (TokenException e) {
                // Already logged and published by the coordinator; the next sweep or read carries on.
                log.debug("Background refresh of athlete {} failed: {}", athleteId, e.getMessage());
            }
            catch (RuntimeException e) {
                store.releaseLease(athleteId, owner);
                log.atError().addKeyValue("athleteId", athleteId).setCause(e)
                    .log("Background refresh of athlete {} failed unexpectedly", athleteId);
            }
        }
        return claimed.size();
    }
}
