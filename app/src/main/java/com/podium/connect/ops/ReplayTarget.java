package com.podium.connect.ops;

/** Where replayed events go. */
public enum ReplayTarget {
    /** Back to the caller: printed as JSON lines by the {@code replay} command, returned by {@code /ops/replay}. */
    CONSOLE,
    /** Re-published to the replay topic ({@code podium.ops.replay-topic}), same key, same headers. */
    TOPIC
}
