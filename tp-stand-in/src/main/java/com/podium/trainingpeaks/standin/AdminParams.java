package com.podium.trainingpeaks.standin;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Admin parameters from the query string and/or a JSON or form body, so curl users can pick either style. */
final class AdminParams {

    private final Map<String, String> values;

    private AdminParams(Map<String, String> values) {
        this.values = values;
    }

    static AdminParams from(Request request) throws IOException {
        Map<String, String> values = new LinkedHashMap<>(request.query());
        String body = request.bodyText().trim();
        if (body.startsWith("{")) {
            Map<?, ?> json;
            try {
                json = Responses.JSON.readValue(body, Map.class);
            } catch (IOException e) {
                throw new BadRequest("The body is not a JSON object"); // no parser message: it may quote the body
            }
            json.forEach((key, value) -> values.putIfAbsent(String.valueOf(key), value == null ? "" : String.valueOf(value)));
        } else if (!body.isEmpty()) {
            request.form().forEach(values::putIfAbsent);
        }
        return new AdminParams(values);
    }

    /** {@code value} or {@code enabled}; a bare POST means "on". */
    boolean flag() {
        String raw = values.getOrDefault("value", values.get("enabled"));
        if (raw == null || raw.isEmpty()) {
            return true;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "yes" -> true;
            case "false", "off", "0", "no" -> false;
            default -> throw new BadRequest("value must be true or false");
        };
    }

    /** {@code millis}, {@code seconds}, or {@code value} as ISO-8601 (PT2S) or plain seconds. */
    Duration duration() {
        try {
            if (values.containsKey("millis")) {
                return Duration.ofMillis(Long.parseLong(values.get("millis")));
            }
            if (values.containsKey("seconds")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(values.get("seconds")) * 1000));
            }
            String value = values.get("value");
            if (value != null) {
                return value.toUpperCase(Locale.ROOT).startsWith("P")
                        ? Duration.parse(value)
                        : Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new BadRequest("Give millis, seconds, or value (ISO-8601 like PT2S, or seconds)");
        }
        throw new BadRequest("Give millis, seconds, or value (ISO-8601 like PT2S, or seconds)");
    }

    int count() {
        String raw = values.getOrDefault("n", values.getOrDefault("count", "1"));
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new BadRequest("n must be an integer");
        }
    }

    /** The kind to inject; not needed when disarming with n=0. */
    Failure failureUnlessZero() {
        return count() == 0 ? null : failure();
    }

    Failure failure() {
        String raw = values.getOrDefault("kind", values.get("failure"));
        try {
            return Failure.valueOf(raw == null ? "" : raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("kind must be one of " + Arrays.toString(Failure.values()));
        }
    }

    String optional(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String optional(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** A comma-separated list, empty when absent. */
    String[] list(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? new String[0] : value.split("\\s*,\\s*");
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new BadRequest(name + " is required");
        }
        return value;
    }

    long longValue(String name) {
        try {
            return Long.parseLong(required(name));
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a number");
        }
    }
}
