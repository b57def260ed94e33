package com.podium.connect.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON body of {@code POST /ops/replay}. Unknown fields are rejected: a misspelt {@code athleteId} must not
 * silently turn into a replay of every athlete (the application's ObjectMapper ignores unknown fields).
 */
record OpsReplayBody(String athleteId, String from, Long offset, Integer partition, String target) {

    private static final Set<String> FIELDS = Set.of("athleteId", "from", "offset", "partition", "target");

    static OpsReplayBody read(JsonNode body, ObjectMapper json) {
        if (body == null || !body.isObject()) {
            throw new InvalidReplayRequestException("the body must be a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidReplayRequestException("unknown field(s) " + unknown + "; known: " + FIELDS);
        }
        try {
            return json.treeToValue(body, OpsReplayBody.class);
        }
        catch (JsonProcessingException e) {
            throw new InvalidReplayRequestException(
                    "athleteId, from and target must be strings, offset and partition whole numbers");
        }
    }

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
