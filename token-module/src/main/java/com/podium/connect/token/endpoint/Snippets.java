package com.podium.connect.token.endpoint;

import java.util.regex.Pattern;

/**
 * Turns a provider's body into something safe to put in an error message, an event or a log line: tags and
 * control characters gone, whitespace folded, secrets we sent and anything that looks like a token redacted,
 * at most {@value #MAX} characters.
 */
final class Snippets {

    static final int MAX = 160;

    private static final Pattern TAGS = Pattern.compile("<(script|style)[^>]*>.*?</\\1>|<[^>]*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TOKEN_FIELDS = Pattern.compile(
            "((?:access|refresh|id)_token|code|client_secret|password)(\"?\\s*[:=]\\s*\"?)[^\"&\\s,}]+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

    private Snippets() {
    }

    /** A provider's error code as a log- and event-safe token: RFC 6749 codes are short printable ASCII. */
    static String code(String error) {
        String cleaned = error.replaceAll("[^A-Za-z0-9_.:-]", "?");
        return cleaned.length() <= 64 ? cleaned : cleaned.substring(0, 64);
    }

    static String of(String body, String... secrets) {
        if (body == null) {
            return null;
        }
        String text = body;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                text = text.replace(secret, "***");
            }
        }
        text = TAGS.matcher(text).replaceAll(" ");
        text = TOKEN_FIELDS.matcher(text).replaceAll("$1$2***");
        text = CONTROL.matcher(text).replaceAll("");
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }
}
