package com.podium.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.testsupport.IntegrationTest;

/** The OpenAPI document describes the JSON APIs (and only those), and the ops one needs the bearer token. */
@IntegrationTest
@AutoConfigureObservability(tracing = false) // same context as MetricsIntegrationTests
@AutoConfigureMockMvc
class OpenApiTests {

    @Autowired
    MockMvc http;

    @Test
    void describesTheAuditAndOpsApis() throws Exception {
        JsonNode api = new ObjectMapper().readTree(
                http.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());

        assertThat(api.path("openapi").asText()).startsWith("3.");
        JsonNode audit = api.path("paths").path("/api/audit/events").path("get");
        assertThat(audit.path("parameters").findValuesAsText("name")).contains("athleteId", "from", "to", "limit");
        JsonNode replay = api.path("paths").path("/ops/replay").path("post");
        assertThat(replay.isMissingNode()).isFalse();
        assertThat(replay.path("security").findValues("opsToken")).isNotEmpty();
        assertThat(api.path("components").path("securitySchemes").path("opsToken").path("scheme").asText())
            .isEqualTo("bearer");
        // Browser pages are not part of the API description.
        assertThat(api.path("paths").has("/connect")).isFalse();
        assertThat(api.path("paths").has("/dashboard/{athleteId}")).isFalse();
    }

    @Test
    void theBrowsableUiIsServedByTheAppItself() throws Exception {
        assertThat(http.perform(get("/swagger-ui/index.html")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    /** Swagger UI's bundle injects an inline style: allowed on its own paths only, scripts never inline. */
    @Test
    void onlySwaggerUiMayApplyInlineStyles() throws Exception {
        String swagger = http.perform(get("/swagger-ui/index.html")).andReturn().getResponse()
            .getHeader("Content-Security-Policy");
        assertThat(swagger).contains("style-src 'self' 'unsafe-inline'", "script-src 'self';",
                "frame-ancestors 'none'");
        for (String page : new String[] { "/signin", "/v3/api-docs", "/dashboard" }) {
            assertThat(http.perform(get(page)).andReturn().getResponse().getHeader("Content-Security-Policy"))
                .as(page).contains("style-src 'self';").doesNotContain("unsafe-inline");
        }
    }
}
