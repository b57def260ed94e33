package com.podium.connect.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.podium.connect.apiclient.StandInIntegrationTest;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.apiclient.Workout;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * The background sync reads an athlete's workouts incrementally through the changed feed, against every answer
 * the wiki leaves open (stand-in knobs): the route's spelling, the zone of {@code date}, the zone of
 * {@code LastModifiedDate}, and whether deleted ids are paged.
 */
class IncrementalSyncIntegrationTests extends StandInIntegrationTest {

    @Autowired
    BackgroundSync sync;

    @Autowired
    SyncedData store;

    @Autowired
    TrainingPeaksApi api;

    @Autowired
    SyncProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void documentedDefaults() {
        STAND_IN.changesRoute("changed").changesDateZone(java.time.ZoneOffset.UTC).lastModifiedInUtc(false)
            .deletedOnEveryPage(false);
    }

    static Stream<Arguments> feeds() {
        return Stream.of(
                Arguments.of("as documented (changed, date in UTC, Mountain LastModifiedDate)",
                        (Consumer<TrainingPeaksStandIn>) s -> { }),
                Arguments.of("route spelled changes", (Consumer<TrainingPeaksStandIn>) s -> s.changesRoute("changes")),
                Arguments.of("date taken in Mountain time",
                        (Consumer<TrainingPeaksStandIn>) s -> s.changesDateZone(ZoneId.of("America/Denver"))),
                Arguments.of("LastModifiedDate in UTC with Z", (Consumer<TrainingPeaksStandIn>) s -> s.lastModifiedInUtc(true)),
                Arguments.of("deleted ids on every page", (Consumer<TrainingPeaksStandIn>) s -> s.deletedOnEveryPage(true)));
    }

    /** Syncs until the account's sync time moves past {@code after} (other tests' due accounts may come first). */
    void syncedAfter(String account, Instant after) throws InterruptedException {
        await("a sync of " + account, () -> {
            sync.syncDue();
            return store.read(account, SyncedData.OWN).map(s -> s.syncedAt() != null && s.syncedAt().isAfter(after))
                .orElse(false);
        });
    }

    void dueNow(String account) {
        jdbc.update("UPDATE tp_sync_accounts SET next_sync_at = now() WHERE account_id = ?", account);
    }

    long calls(java.util.function.Predicate<String> path) {
        return STAND_IN.requests().stream().map(r -> r.path()).filter(path).count();
    }

    static boolean rangeRead(String path) {
        return path.matches("/v2/workouts/\\d{4}-\\d\\d-\\d\\d/\\d{4}-\\d\\d-\\d\\d");
    }

    /** The window moves a day (here: the stored days end a day earlier): that day is read by range, not the window. */
    @org.junit.jupiter.api.Test
    void aDayThatCameIntoTheWindowIsReadByRangeWithoutAFullRead() throws Exception {
        String athlete = connect(newAthleteId());
        syncedAfter(athlete, Instant.EPOCH);
        SyncedData.Synced first = store.read(athlete, SyncedData.OWN).orElseThrow();
        jdbc.update("UPDATE tp_sync_subjects SET workouts_to = workouts_to - 1 WHERE account_id = ? AND subject = 0",
                athlete);
        java.sql.Timestamp fullRead = fullReadAt(athlete);
        LocalDate newDay = first.workoutsTo();
        forgetCachedAnswers(athlete); // the full read's answers are still in the API client's cache
        long newDayReads = calls(path -> path.equals("/v2/workouts/" + newDay + "/" + newDay));

        dueNow(athlete);
        syncedAfter(athlete, first.syncedAt());

        assertThat(fullReadAt(athlete)).as("no full read").isEqualTo(fullRead);
        // (other tests' due accounts may be synced in the same sweep, so at least one more)
        assertThat(calls(path -> path.equals("/v2/workouts/" + newDay + "/" + newDay))).as("the new day, by range")
            .isGreaterThan(newDayReads);
        assertThat(store.read(athlete, SyncedData.OWN).orElseThrow().workoutsCover(first.workoutsFrom(), newDay))
            .isTrue();
    }

    java.sql.Timestamp fullReadAt(String athlete) {
        return jdbc.queryForObject("SELECT full_synced_at FROM tp_sync_subjects WHERE account_id = ? AND subject = 0",
                java.sql.Timestamp.class, athlete);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void anIncrementalSyncAppliesModifiedAndDeletedWorkouts(String answer, Consumer<TrainingPeaksStandIn> knob)
            throws Exception {
        knob.accept(STAND_IN);
        String athlete = connect(newAthleteId());
        syncedAfter(athlete, Instant.EPOCH);
        SyncedData.Synced first = store.read(athlete, SyncedData.OWN).orElseThrow();
        LocalDate today = LocalDate.now(first.profile().zone());
        // Older than the recent days a sync without the feed reads by range: only the feed can bring these changes.
        List<Workout> aMonthAgo = first.workouts().stream()
            .filter(w -> w.workoutDay().toLocalDate().isAfter(today.minusDays(40))
                    && w.workoutDay().toLocalDate().isBefore(today.minusDays(properties.recentDays() + 1L)))
            .toList();
        assertThat(aMonthAgo).hasSizeGreaterThan(2);
        Workout edited = aMonthAgo.get(0);
        Workout deleted = aMonthAgo.get(aMonthAgo.size() - 1);
        STAND_IN.modifyWorkout(edited.id(), "Renamed at TrainingPeaks").deleteWorkout(deleted.id());
        long feedCalls = calls(path -> path.startsWith("/v2/workouts/change"));
        long rangeCalls = calls(IncrementalSyncIntegrationTests::rangeRead);

        dueNow(athlete);
        syncedAfter(athlete, first.syncedAt());

        SyncedData.Synced second = store.read(athlete, SyncedData.OWN).orElseThrow();
        assertThat(second.workouts()).filteredOn(w -> w.id() == edited.id()).singleElement()
            .extracting(Workout::title).isEqualTo("Renamed at TrainingPeaks");
        assertThat(second.workouts()).noneMatch(w -> w.id() == deleted.id());
        assertThat(second.workouts()).hasSize(first.workouts().size() - 1);
        assertThat(calls(path -> path.startsWith("/v2/workouts/change"))).as("the feed was read")
            .isGreaterThan(feedCalls);
        assertThat(calls(IncrementalSyncIntegrationTests::rangeRead))
            .as("at most the days that came into the window are read by range, not the window")
            .isLessThanOrEqualTo(rangeCalls + 1);
        assertThat(second.workoutsCover(first.workoutsFrom(), first.workoutsTo())).isTrue();
    }

    @ParameterizedTest(name = "deleted ids on every page: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = { false, true })
    void smallPagesReadTheSameChangesAsOneBigPage(boolean deletedOnEveryPage) throws Exception {
        STAND_IN.deletedOnEveryPage(deletedOnEveryPage);
        String athlete = connect(newAthleteId());
        syncedAfter(athlete, Instant.EPOCH);
        List<Workout> stored = store.read(athlete, SyncedData.OWN).orElseThrow().workouts();
        STAND_IN.deleteWorkout(stored.get(stored.size() - 10).id()).deleteWorkout(stored.get(stored.size() - 11).id())
            .deleteWorkout(stored.get(stored.size() - 12).id());
        // At least five modified, whatever the generated calendar holds now: three pages of two or more.
        stored.subList(0, 5).forEach(w -> STAND_IN.modifyWorkout(w.id(), "Edited " + w.id()));
        Instant cursor = Instant.now().minus(Duration.ofDays(2));
        Instant deadline = Instant.now().plusSeconds(60);

        WorkoutChanges.Changes big = new WorkoutChanges(api, pageSize(100)).since(athlete, cursor, deadline);
        long before = calls(path -> path.startsWith("/v2/workouts/change"));
        WorkoutChanges.Changes small = new WorkoutChanges(api, pageSize(2)).since(athlete, cursor, deadline);

        assertThat(calls(path -> path.startsWith("/v2/workouts/change")) - before).isGreaterThan(2);
        assertThat(small.modified()).hasSizeGreaterThanOrEqualTo(5).extracting(Workout::id)
            .containsExactlyInAnyOrderElementsOf(big.modified().stream().map(Workout::id).toList());
        assertThat(small.deleted()).hasSize(3).containsExactlyInAnyOrderElementsOf(big.deleted());
    }

    SyncProperties pageSize(int size) {
        SyncProperties p = properties;
        return new SyncProperties(p.enabled(), p.interval(), p.pollInterval(), p.concurrency(), p.jobDeadline(),
                p.fullInterval(), p.daysBack(), p.daysAhead(), p.recentDays(), p.maxBackoff(), size);
    }
}
