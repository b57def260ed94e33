package com.podium.connect.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.podium.connect.apiclient.ChangedWorkouts;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.apiclient.Workout;

/**
 * An athlete's workouts changed since the last sync, from TrainingPeaks' changed feed ({@code /v2/workouts/changed},
 * wiki Workouts-Get-Changed), all pages of it.
 * <p>
 * The feed takes a date, "in UTC", and what exactly it counts from is not documented (the day's start in UTC, or in
 * Mountain time like {@code LastModifiedDate}). So the cursor is our own clock, not a {@code LastModifiedDate}
 * (whose zone the wiki contradicts), and the date asked for is the UTC day before the cursor: whichever way the date
 * is read, nothing changed since the last read is missed. The overlap costs nothing: applying a change twice is
 * the same as once. Whether {@code pageSize} pages the deleted ids too is not documented either: a page is the last
 * when neither list is full, or the deleted ids merely repeat.
 */
@Component
class WorkoutChanges {

    /** More pages than this (5,000 changes at 100 a page): reading the window by range is cheaper. */
    static final int MAX_PAGES = 50;

    /**
     * @param startedAt the next read's cursor: when this one started
     */
    record Changes(List<Workout> modified, List<Long> deleted, Instant startedAt) {
    }

    private final TrainingPeaksApi api;
    private final SyncProperties properties;
    private final Clock clock = Clock.systemUTC();

    WorkoutChanges(TrainingPeaksApi api, SyncProperties properties) {
        this.api = api;
        this.properties = properties;
    }

    /** The changes since {@code cursor}, or null when the caller must read by range (no feed, no cursor, too many). */
    Changes since(String account, Instant cursor, Instant deadline) {
        if (cursor == null) {
            return null;
        }
        Instant started = clock.instant();
        LocalDate date = cursor.minus(Duration.ofDays(1)).atZone(ZoneOffset.UTC).toLocalDate();
        int pageSize = properties.changesPageSize();
        Map<Long, Workout> modified = new LinkedHashMap<>();
        Set<Long> deleted = new LinkedHashSet<>();
        List<Long> previousDeleted = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            if (clock.instant().isAfter(deadline)) {
                throw new AccountSync.DeadlinePassed();
            }
            Optional<ChangedWorkouts> answer = api.workoutChanges(account, date, page, pageSize);
            if (answer.isEmpty()) {
                return null;
            }
            answer.get().modified().forEach(workout -> modified.put(workout.id(), workout));
            deleted.addAll(answer.get().deleted());
            List<Long> pageDeleted = answer.get().deleted();
            boolean more = answer.get().modified().size() == pageSize
                    || pageDeleted.size() == pageSize && !pageDeleted.equals(previousDeleted);
            previousDeleted = pageDeleted;
            if (!more) {
                deleted.forEach(modified::remove); // a deleted workout is gone, whatever was modified before
                return new Changes(List.copyOf(modified.values()), List.copyOf(deleted), started);
            }
        }
        return null;
    }
}
