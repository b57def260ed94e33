package com.podium.connect.apiclient;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns an error answer into an error code and a short snippet that is safe to log and show. */
final class ErrorBodies {

    static final int SNIPPET_LENGTH = 200;

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final Pattern TOKEN_FIELD = Pattern
        .compile("(?i)(\"?(?:access_token|refresh_token|id_token|code|client_secret)\"?\\s*[:=]\\s*\"?)[^\"&\\s,}]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {
    }

    /**
     * Whitespace collapsed, cut to {@value #SNIPPET_LENGTH} characters, the token we sent and anything that looks
     * like a token redacted.
     */
    static String snippet(String body, String sentToken) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        if (sentToken != null && !sentToken.isEmpty()) {
            text = text.replace(sentToken, "***");
        }
        text = BEARER.matcher(text).replaceAll("$1***");
        text = TOKEN_FIELD.matcher(text).replaceAll("$1***");
        text = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        return text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH) + "...";
    }

    /** The provider's {@code error} field; {@code non_json_body} for HTML and such; else {@code http_<status>}. */
    static String errorCode(int status, String body) {
        if (body == null || body.isBlank()) {
            return "http_" + status;
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode error = node == null ? null : node.get("error");
            if (error != null && error.isTextual()) {
                return error.asText();
            }
            return "http_" + status;
        }
        catch (Exception e) {
            return "non_json_body";
        }
    }
}
