package com.podium.connect.ops;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The JSON body of {@code POST /ops/replay}. Unknown fields are rejected: a misspelt {@code athleteId} must not
 * silently turn into a replay of every athlete.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record OpsReplayBody(String athleteId, String from, Long offset, Integer partition, String target) {

    ReplayRequest toRequest() {
        return new ReplayRequest(athleteId, from == null || from.isBlank() ? null : ReplayCommandLine.instant(from),
                offset, partition, target(target));
    }

    private static ReplayTarget target(String value) {
        if (value == null || value.isBlank()) {
            return ReplayTarget.CONSOLE;
        }
        try {
            return ReplayTarget.valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new InvalidReplayRequestException("target must be CONSOLE or TOPIC; was '" + value + "'");
        }
    }
}
