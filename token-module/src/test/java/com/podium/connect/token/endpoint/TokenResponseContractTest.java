package com.podium.connect.token.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenProperties;
import com.podium.connect.token.TrainingPeaksProperties;
import com.sun.net.httpserver.HttpServer;

/**
 * The token endpoint client against TrainingPeaks' documented token answer ({@code contract/token-response.json},
 * written from the wiki transcription and allauth's test, research S4/S5: lower-case {@code bearer},
 * {@code expires_in} 600, token values containing {@code !}), served by a plain HTTP server that records the request.
 */
class TokenResponseContractTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    HttpServer server;
    final AtomicReference<String> body = new AtomicReference<>();
    final AtomicReference<String> authorization = new AtomicReference<>();
    TokenEndpointClient client;

    @BeforeEach
    void start() throws IOException {
        byte[] answer;
        try (InputStream in = getClass().getResourceAsStream("/contract/token-response.json")) {
            answer = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth/token", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        // Bound like Spring binds them, so the defaults are the shipped ones.
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "trainingpeaks.client-id", "podium-client", "trainingpeaks.client-secret", "s3cr!t",
                "trainingpeaks.auth-base", base, "trainingpeaks.api-base", base)));
        TrainingPeaksProperties registration = binder.bindOrCreate("trainingpeaks", TrainingPeaksProperties.class);
        TokenProperties settings = binder.bindOrCreate("podium.tokens", TokenProperties.class);
        client = new TokenEndpointClient(registration, settings, new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theDocumentedAnswerParsesIntoAGrant() {
        TokenGrant grant = client.exchange("code!with/odd=chars", null);

        assertThat(grant.accessToken()).isEqualTo("gAAAAMYienOBx2dIW1Zs7Qk0Q1Vt!x");
        assertThat(grant.refreshToken()).isEqualTo("i7ne!IAAAp3Vd0cWl4b2hC1rS9tq7lZk");
        assertThat(grant.expiresAt()).isEqualTo(NOW.plusSeconds(600));
        assertThat(grant.scope()).isEqualTo("athlete:profile workouts:read");
    }

    @Test
    void byDefaultTheCredentialsGoInTheFormBodyAndEveryValueIsFormEncoded() {
        client.refresh("a-1", "i7ne!IAAA+/=");

        assertThat(authorization.get()).isNull();
        assertThat(body.get()).contains("refresh_token=i7ne%21IAAA%2B%2F%3D").doesNotContain("!");
        assertThat(form(body.get())).containsEntry("grant_type", "refresh_token")
            .containsEntry("refresh_token", "i7ne!IAAA+/=")
            .containsEntry("client_id", "podium-client")
            .containsEntry("client_secret", "s3cr!t");
    }

    static Map<String, String> form(String raw) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
