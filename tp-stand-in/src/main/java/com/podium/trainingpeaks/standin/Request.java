package com.podium.trainingpeaks.standin;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Thin wrapper over HttpExchange that reads the body once, because several steps (counting, recording, handling) need it. */
final class Request {

    private final HttpExchange exchange;
    private byte[] body;
    private Map<String, String> query;
    private Map<String, String> form;

    Request(HttpExchange exchange) {
        this.exchange = exchange;
    }

    HttpExchange exchange() {
        return exchange;
    }

    String method() {
        return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    Map<String, String> query() {
        if (query == null) {
            query = FormCodec.decode(exchange.getRequestURI().getRawQuery());
        }
        return query;
    }

    /** The body decoded as application/x-www-form-urlencoded, whatever the declared content type. */
    Map<String, String> form() throws IOException {
        if (form == null) {
            form = FormCodec.decode(bodyText());
        }
        return form;
    }

    String bodyText() throws IOException {
        if (body == null) {
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean hasFormContentType() {
        String type = header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The token of an {@code Authorization: Bearer ...} header, or null. */
    String bearerToken() {
        String auth = header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = auth.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
