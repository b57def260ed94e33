package com.podium.connect.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON body of {@code POST /ops/replay}. Unknown fields are rejected: a misspelt {@code athleteId} must not
 * silently turn into a replay of every athlete (the application's ObjectMapper ignores unknown fields).
 */
record OpsReplayBody(String athleteId, String from, Long offset, Integer partition, String target) {

    private static final Set<String> FIELDS = Set.of("athleteId", "from", "offset", "partition", "target");

    static final String EXPECTED = "the body must be a JSON object with athleteId, from or offset (and partition), "
            + "target (CONSOLE or TOPIC), and nothing else";

    /**
     * Parses the raw body strictly: a field given twice is refused (which one would count?). Parser messages are
     * never passed on, as they quote the input.
     */
    static OpsReplayBody read(String raw, ObjectMapper json) {
        JsonNode body;
        try {
            body = raw == null || raw.isBlank() ? null
                    : json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(raw);
        }
        catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidReplayRequestException(e.getOriginalMessage().startsWith("Duplicate field")
                    ? "a field appears twice in the body" + where + "; give each field once"
                    : "the body is not valid JSON" + where + "; " + EXPECTED);
        }
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
            throw new InvalidReplayRequestException("target must be CONSOLE or TOPIC");
        }
    }
}
