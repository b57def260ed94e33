package com.podium.connect.ops;

import java.util.List;

/**
 * What a replay did.
 *
 * @param sourceTopic the topic read
 * @param targetTopic the replay topic written to, or null for {@link ReplayTarget#CONSOLE}
 * @param events the replayed events in replay order (per athlete in their original order)
 */
public record ReplayResult(ReplayRequest request, String sourceTopic, String targetTopic, List<ReplayedEvent> events) {

    public int count() {
        return events.size();
    }
}
