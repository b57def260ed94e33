package com.podium.connect.token.refresh;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.podium.connect.token.TokenProperties;
import com.podium.connect.token.storage.TokenStore;

/**
 * Keeps the leases of refreshes in flight alive: every third of the lease duration one statement extends all of
 * them. A refresher that lives keeps its lease however long TrainingPeaks or the database take; one that dies stops
 * renewing, and its lease runs out.
 */
@Component
public class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    /** (athlete, owner) to how many holders keep it: the refresh itself, and a late answer it waits for. */
    private final ConcurrentMap<Map.Entry<String, String>, Integer> held = new ConcurrentHashMap<>();
    private final TokenStore store;
    private final TokenProperties settings;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "token-lease-keeper");
        thread.setDaemon(true);
        return thread;
    });

    public LeaseKeeper(TokenStore store, TokenProperties settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        long period = Math.max(100, settings.leaseDuration().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    void hold(String athleteId, String owner) {
        held.merge(Map.entry(athleteId, owner), 1, Integer::sum);
    }

    void release(String athleteId, String owner) {
        held.computeIfPresent(Map.entry(athleteId, owner), (lease, holders) -> holders > 1 ? holders - 1 : null);
    }

    /** One statement for all leases held; autocommit, no transaction of anyone else's is involved. */
    void renew() {
        if (held.isEmpty()) {
            return;
        }
        try {
            store.renewLeases(held.keySet().stream().map(Map.Entry::getValue).distinct().toList(),
                    clock.instant().plus(settings.leaseDuration()));
        }
        catch (RuntimeException e) {
            // The database is unreachable: so it is for everyone else who might take the lease over.
            log.atWarn().addKeyValue("leases", held.size())
                .log("Could not renew {} refresh lease(s): {}", held.size(), e.getClass().getSimpleName());
        }
    }

    void stop() {
        timer.shutdown();
    }
}
