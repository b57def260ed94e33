package com.podium.connect.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Without PODIUM_OPS_TOKEN the ops endpoint is off, whatever the caller sends; the replay is never reached. */
class OpsEndpointDisabledTest {

    @Test
    void withoutConfiguredTokenEveryRequestIs503() throws Exception {
        for (String token : new String[] { null, "", "  " }) {
            OpsProperties unset = new OpsProperties(token, "podium.token-events.replay", Duration.ofSeconds(5), 10);
            // No replayer at all: reaching the controller would fail the test with a 500.
            MockMvc http = MockMvcBuilders.standaloneSetup(new OpsReplayController(null, null))
                .addInterceptors(new OpsTokenInterceptor(unset, new ObjectMapper()))
                .build();

            http.perform(post("/ops/replay").header(HttpHeaders.AUTHORIZATION, "Bearer anything")
                .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error").value("ops_disabled"))
                .andExpect(jsonPath("$.detail").value("ops endpoint disabled: set PODIUM_OPS_TOKEN"));
        }
    }

    @Test
    void secretsAreComparedByValue() {
        assertThat(OpsTokenInterceptor.sameSecret("s3cret", "s3cret")).isTrue();
        assertThat(OpsTokenInterceptor.sameSecret("s3cret", "s3cre")).isFalse();
        assertThat(OpsTokenInterceptor.sameSecret("", "s3cret")).isFalse();
    }

    @Test
    void propertiesNeverPrintTheToken() {
        assertThat(new OpsProperties("hunter2", "t", Duration.ofSeconds(1), 1).toString()).doesNotContain("hunter2");
    }
}
