package com.podium.connect.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.podium.connect.apiclient.StandInIntegrationTest;
import com.podium.connect.token.TokenRevoked;

/** Several instances may sync: claims are disjoint, a lease is respected, and a revocation fences a sync in flight. */
class SyncLeaseIntegrationTests extends StandInIntegrationTest {

    @Autowired
    SyncWrites writes;

    @Autowired
    SyncedData store;

    @Autowired
    AccountSync accounts;

    @Autowired
    BackgroundSync sync;

    @Autowired
    JdbcTemplate jdbc;

    final List<String> claimedHere = new ArrayList<>();

    @AfterEach
    void releaseLeases() {
        STAND_IN.outage(false);
        claimedHere.forEach(account -> jdbc.update(
                "UPDATE tp_sync_accounts SET lease_owner = NULL, lease_until = NULL WHERE account_id = ?", account));
    }

    List<String> claim(String owner, Instant now) {
        List<String> claimed = writes.claimDue(owner, now, now.plus(Duration.ofMinutes(3)), 10_000);
        claimedHere.addAll(claimed);
        return claimed;
    }

    @Test
    void twoSweepersClaimingAtOnceNeverShareAnAccountAndALeaseIsHeldUntilItRunsOut() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String account = newAthleteId();
            store.enroll(account);
            mine.add(account);
        }
        Instant now = Instant.now().plusSeconds(1);

        CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> claim("sweeper-a", now));
        CompletableFuture<List<String>> second = CompletableFuture.supplyAsync(() -> claim("sweeper-b", now));
        List<String> a = first.join();
        List<String> b = second.join();

        assertThat(a).as("claimed by both").noneMatch(b::contains); // one may get them all: SKIP LOCKED
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        assertThat(both).containsAll(mine);
        assertThat(claim("sweeper-c", now.plusSeconds(60))).as("leases still held").doesNotContainAnyElementsOf(mine);
        assertThat(claim("sweeper-c", now.plus(Duration.ofMinutes(4)))).as("leases ran out").containsAll(mine);
    }

    @Test
    void aSyncThatFindsItsAccountGoneDoesNotForgetTheAccountStartedAfreshMeanwhile() {
        String account = newAthleteId();
        store.enroll(account);
        Instant now = Instant.now().plusSeconds(1);
        assertThat(claim("sweeper-a", now)).contains(account);

        writes.restart(account, Instant.now()); // disconnected and connected again while sweeper-a was syncing
        writes.forgetIfHeld(account, "sweeper-a"); // what sweeper-a does when it finds the old connection gone

        assertThat(store.isEnrolled(account)).as("the new connection keeps its sync").isTrue();
    }

    @Test
    void aRevocationWhileASyncIsInFlightLeavesNothingForItToWrite() throws Exception {
        String athlete = connect(newAthleteId());
        Instant now = Instant.now().plusSeconds(1);
        assertThat(claim("sweeper-a", now)).contains(athlete);

        transactions.executeWithoutResult(tx -> events.publishEvent(TokenRevoked.of(athlete, Instant.now(),
                TokenRevoked.Reason.REFRESH_REJECTED, "revoked by test")));

        boolean written = writes.write(athlete, "sweeper-a", w -> w.changesSince(Instant.now()));
        assertThat(written).isFalse();
        assertThat(store.isEnrolled(athlete)).isFalse();
    }

    @Test
    void aFailedSyncKeepsTheDataRecordsTheProblemAndBacksOff() throws Exception {
        String athlete = connect(newAthleteId());
        await("the first sync", () -> {
            sync.syncDue();
            return store.read(athlete, SyncedData.OWN).map(s -> s.syncedAt() != null).orElse(false);
        });
        SyncedData.Synced before = store.read(athlete, SyncedData.OWN).orElseThrow();
        STAND_IN.outage(true);
        jdbc.update("UPDATE tp_sync_accounts SET next_sync_at = now() WHERE account_id = ?", athlete);
        Instant now = Instant.now().plusSeconds(1);
        assertThat(claim("sweeper-a", now)).contains(athlete);

        accounts.run(athlete, "sweeper-a");

        SyncedData.Synced after = store.read(athlete, SyncedData.OWN).orElseThrow();
        assertThat(after.problem()).contains("HTTP 502").doesNotContain("Bearer");
        assertThat(after.workouts()).hasSameSizeAs(before.workouts());
        assertThat(after.syncedAt()).isEqualTo(before.syncedAt());
        Instant next = jdbc.queryForObject("SELECT next_sync_at FROM tp_sync_accounts WHERE account_id = ?",
                java.sql.Timestamp.class, athlete).toInstant();
        assertThat(next).isAfter(Instant.now().plusSeconds(20));
    }
}
