package com.podium.connect.token.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnippetsTest {

    @Test
    void stripsMarkupFoldsWhitespaceAndTruncates() {
        String html = "<html><head><style>body{}</style><title>502</title></head>\n<body>  <h1>Bad\tGateway</h1>"
                + "x".repeat(500) + "</body></html>";

        String snippet = Snippets.of(html);

        assertThat(snippet).startsWith("502 Bad Gateway").doesNotContain("<", "body{}", "\n");
        assertThat(snippet).hasSize(Snippets.MAX).endsWith("…");
    }

    @Test
    void redactsSecretsWeSentAndAnythingShapedLikeAToken() {
        String body = "echo refresh_token=tprt_abc&x=1 {\"access_token\": \"tpat_zzz\"} and my-secret-value";

        String snippet = Snippets.of(body, "my-secret-value");

        assertThat(snippet).doesNotContain("tprt_abc", "tpat_zzz", "my-secret-value");
        assertThat(snippet).contains("refresh_token=***", "\"access_token\": \"***");
    }
}
