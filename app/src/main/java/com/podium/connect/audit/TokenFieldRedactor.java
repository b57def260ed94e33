package com.podium.connect.audit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Belt and braces: events never carry token values, but if a producer ever put one in, it must not land in an
 * append-only table that nobody can clean up. Replaces the value of any field named like a token
 * ({@code token}, {@code access_token}, {@code refreshToken}, {@code id-token}, ...) wherever it is nested.
 * {@code tokenVersion} and similar counters are not tokens and are kept.
 */
final class TokenFieldRedactor {

    static final String REDACTED = "[REDACTED]";

    private static final Set<String> TOKEN_NAMES = Set.of("token", "accesstoken", "refreshtoken", "idtoken",
            "bearertoken", "authorization", "clientsecret");

    private TokenFieldRedactor() {
    }

    /** Redacts in place; returns the JSON paths of the fields redacted (for the warning), empty when none. */
    static List<String> redact(ObjectNode payload) {
        List<String> redacted = new ArrayList<>();
        walk(payload, "$", redacted);
        return redacted;
    }

    static boolean isTokenField(String name) {
        String normalized = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return TOKEN_NAMES.contains(normalized) || normalized.endsWith("accesstoken")
                || normalized.endsWith("refreshtoken");
    }

    private static void walk(JsonNode node, String path, List<String> redacted) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldPath = path + "." + field.getKey();
                if (isTokenField(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(TextNode.valueOf(REDACTED));
                    redacted.add(fieldPath);
                }
                else {
                    walk(field.getValue(), fieldPath, redacted);
                }
            }
        }
        else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), path + "[" + i + "]", redacted);
            }
        }
    }
}
