package com.podium.connect.ops;

import java.time.Instant;

/**
 * What to replay. Starts at the first record whose Kafka timestamp is at or after {@code from}, or at
 * {@code offset} (on {@code partition}, or on every partition when that is null), or, with neither, at the
 * beginning of the topic; always stops at the end offsets seen when the replay started.
 *
 * @param athleteId the one athlete (record key) to replay, or null for all athletes
 * @param from replay records with a Kafka timestamp at or after this instant; null for no time bound
 * @param offset replay from this offset on; null when replaying by time (or from the beginning)
 * @param partition the partition {@code offset} refers to, or null for every partition
 * @param target where the events go; null means {@link ReplayTarget#CONSOLE}
 */
public record ReplayRequest(String athleteId, Instant from, Long offset, Integer partition, ReplayTarget target) {

    public ReplayRequest {
        athleteId = athleteId == null || athleteId.isBlank() ? null : athleteId.strip();
        target = target == null ? ReplayTarget.CONSOLE : target;
        if (from != null && offset != null) {
            throw new InvalidReplayRequestException("give a start time (from) or an offset, not both");
        }
        if (offset != null && offset < 0) {
            throw new InvalidReplayRequestException("offset must be 0 or more, was " + offset);
        }
        if (partition != null && offset == null) {
            throw new InvalidReplayRequestException("partition only goes with an offset");
        }
        if (partition != null && partition < 0) {
            throw new InvalidReplayRequestException("partition must be 0 or more, was " + partition);
        }
    }

    public static ReplayRequest fromTime(String athleteId, Instant from, ReplayTarget target) {
        return new ReplayRequest(athleteId, from, null, null, target);
    }

    public static ReplayRequest fromOffset(String athleteId, long offset, Integer partition, ReplayTarget target) {
        return new ReplayRequest(athleteId, null, offset, partition, target);
    }

    boolean matches(String key, long timestampMillis) {
        return (athleteId == null || athleteId.equals(key)) && (from == null || timestampMillis >= from.toEpochMilli());
    }
}
