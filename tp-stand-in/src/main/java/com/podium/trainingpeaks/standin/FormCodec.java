package com.podium.trainingpeaks.standin;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** application/x-www-form-urlencoded for query strings and bodies; the first value of a repeated key wins. */
final class FormCodec {

    private FormCodec() {
    }

    static Map<String, String> decode(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.putIfAbsent(decodeComponent(key), decodeComponent(value));
            } catch (IllegalArgumentException malformed) {
                // A broken escape is skipped rather than failing the whole request, like lenient servers do.
            }
        }
        return params;
    }

    static String decodeComponent(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> encodeComponent(e.getKey()) + "=" + encodeComponent(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encodeComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Appends params to a URI that may already carry a query, the way redirect targets require. */
    static String appendQuery(String uri, Map<String, String> params) {
        int hash = uri.indexOf('#');
        String base = hash >= 0 ? uri.substring(0, hash) : uri; // fragments are not allowed in redirect URIs
        String separator = !base.contains("?") ? "?" : (base.endsWith("?") || base.endsWith("&") ? "" : "&");
        return base + separator + encode(params);
    }
}
