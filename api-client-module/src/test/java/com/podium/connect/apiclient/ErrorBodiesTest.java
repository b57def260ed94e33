package com.podium.connect.apiclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorBodiesTest {

    @Test
    void snippetRedactsTheSentTokenAndAnythingTokenLike() {
        String body = "{\"error\":\"x\",\"echo\":\"tpat_SECRET1\",\"access_token\":\"tpat_OTHER\"} Authorization: Bearer abc.def";

        String snippet = ErrorBodies.snippet(body, "tpat_SECRET1");

        assertThat(snippet).doesNotContain("tpat_SECRET1").doesNotContain("tpat_OTHER").doesNotContain("abc.def")
            .contains("\"error\":\"x\"");
    }

    @Test
    void snippetIsShortAndOnOneLine() {
        String snippet = ErrorBodies.snippet("<html>\n<body>\n" + "x".repeat(1000) + "</body></html>", null);

        assertThat(snippet).doesNotContain("\n").hasSize(ErrorBodies.SNIPPET_LENGTH + 3).startsWith("<html> <body> x");
    }

    @Test
    void errorCodeComesFromTheProviderOrOurClassification() {
        assertThat(ErrorBodies.errorCode(403, "{\"error\":\"insufficient_scope\"}")).isEqualTo("insufficient_scope");
        assertThat(ErrorBodies.errorCode(502, "<html>502</html>")).isEqualTo("non_json_body");
        assertThat(ErrorBodies.errorCode(500, "")).isEqualTo("http_500");
        assertThat(ErrorBodies.errorCode(500, "{\"message\":\"boom\"}")).isEqualTo("http_500");
    }
}
