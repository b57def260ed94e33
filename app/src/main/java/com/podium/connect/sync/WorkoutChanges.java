package com.podium.connect.sync;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import com.podium.connect.apiclient.Workout;

/** The workouts of an athlete changed since a time, from TrainingPeaks' changed feed. */
@Component
class WorkoutChanges {

    /**
     * @param startedAt the next read's cursor: when this one started
     */
    record Changes(List<Workout> modified, List<Long> deleted, Instant startedAt) {
    }

    /** The changes since {@code since}, or null when there is no feed to read (the caller reads by range). */
    Changes since(String account, Instant since, Instant deadline) {
        return null;
    }
}
