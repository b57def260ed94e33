package com.podium.connect.token.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TestSettings;
import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenEndpointException.Kind;
import com.podium.connect.token.TrainingPeaksProperties;
import com.podium.connect.token.TrainingPeaksProperties.ClientAuthentication;
import com.sun.net.httpserver.HttpServer;

/** Answers no stand-in knob plays: a stubbed endpoint with one canned answer per test. */
class StubbedTokenEndpointTest {

    HttpServer server;

    TokenEndpointClient answering(int status, String contentType, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new TokenEndpointClient(new TrainingPeaksProperties("id", "the-secret", base, base,
                URI.create("http://localhost:8501/"), ClientAuthentication.CLIENT_SECRET_POST),
                TestSettings.withCall(Duration.ofSeconds(1), Duration.ofSeconds(2)), new ObjectMapper(),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void errorDescriptionAndUriAreKeptSanitised() throws IOException {
        TokenEndpointClient client = answering(400, "application/json", """
                {"error":"invalid_request","error_description":"bad <b>refresh_token=tprt_secret123</b> sent with the-secret",
                 "error_uri":"https://example.org/errors/42"}""");

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", "tprt_secret123"));

        assertThat(e.detail()).contains("https://example.org/errors/42").contains("bad")
            .doesNotContain("tprt_secret123").doesNotContain("the-secret").doesNotContain("<b>");
        assertThat(e.getMessage()).doesNotContain("tprt_secret123").doesNotContain("the-secret");
        assertThat(e.kind()).isEqualTo(Kind.CLIENT_REJECTED);
    }

    @Test
    void detailIsNeverNullOrBlank() throws IOException {
        TokenEndpointClient client = answering(400, "application/json", "{\"error\":\"invalid_grant\"}");

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", "tprt_x"));

        assertThat(e.detail()).isEqualTo("HTTP 400 invalid_grant");
        assertThat(e.kind()).isEqualTo(Kind.GRANT_REJECTED);
    }

    @Test
    void anUnknownErrorCodeIsNeverTakenForARejectedGrant() throws IOException {
        TokenEndpointClient client = answering(400, "application/json", "{\"error\":\"something_new\"}");

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class,
                () -> client.refresh("a-1", "tprt_x"));

        assertThat(e.kind()).isEqualTo(Kind.CLIENT_REJECTED);
    }

    @Test
    void expiresInAsAStringAndAnUpperCaseBearerAreAccepted() throws IOException {
        TokenEndpointClient client = answering(200, "application/json",
                "{\"access_token\":\"a\",\"token_type\":\"BEARER\",\"expires_in\":\"3600\"}");

        assertThat(client.refresh("a-1", "tprt_x").accessToken()).isEqualTo("a");
    }
}
