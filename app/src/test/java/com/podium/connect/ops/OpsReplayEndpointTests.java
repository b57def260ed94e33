package com.podium.connect.ops;

import static com.podium.connect.ops.TokenEventsOnKafka.athlete;
import static com.podium.connect.ops.TokenEventsOnKafka.idsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.ops.TokenEventsOnKafka.Sent;
import com.podium.testsupport.IntegrationTest;

/** POST /ops/replay in the running application, behind Spring Security: bearer token first, then the replay. */
@IntegrationTest(properties = { "podium.security.machine-token=" + TokenEventsOnKafka.OPS_TOKEN,
        "podium.audit.group-id=" + TokenEventsOnKafka.AUDIT_GROUP })
class OpsReplayEndpointTests {

    @Autowired
    WebApplicationContext context;

    @Autowired
    ObjectMapper json;

    final TokenEventsOnKafka kafka = new TokenEventsOnKafka();

    MockMvc http;

    @BeforeEach
    void http() {
        http = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void withoutTokenIs401ProblemDetail() throws Exception {
        replay(null, "{\"athleteId\":\"a-1\"}")
            .andExpect(status().isUnauthorized())
            .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
            .andExpect(header().string(HttpHeaders.CONTENT_TYPE, startsWith("application/problem+json")))
            .andExpect(jsonPath("$.status").value(401))
            .andExpect(jsonPath("$.title").value("Unauthorized"));
    }

    @Test
    void withWrongTokenIs401EvenBeforeTheBodyIsRead() throws Exception {
        replay("Bearer " + TokenEventsOnKafka.OPS_TOKEN + "x", "not even json")
            .andExpect(status().isUnauthorized())
            .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("invalid_token")))
            .andExpect(jsonPath("$.status").value(401));
        replay("Basic " + TokenEventsOnKafka.OPS_TOKEN, "{}").andExpect(status().isUnauthorized());
    }

    @Test
    void withTokenAnswersTheAthletesEventsInOrder() throws Exception {
        String athlete = athlete();
        String other = athlete();
        List<Sent> sent = kafka.interleave(3, athlete, other);

        String body = replay("Bearer " + TokenEventsOnKafka.OPS_TOKEN,
                "{\"athleteId\":\"" + athlete + "\",\"target\":\"console\"}")
            .andExpect(status().isOk())
            .andReturn().getResponse().getContentAsString();

        JsonNode answer = json.readTree(body);
        assertThat(answer.get("count").asInt()).isEqualTo(3);
        List<UUID> ids = new ArrayList<>();
        answer.get("events").forEach(e -> ids.add(UUID.fromString(e.get("event").get("eventId").asText())));
        assertThat(ids).containsExactlyElementsOf(idsOf(sent, athlete));
        assertThat(answer.get("events").get(0).has("partition")).isTrue();
        assertThat(answer.get("events").get(0).has("offset")).isTrue();
        assertThat(answer.get("events").get(0).has("timestamp")).isTrue();
    }

    @Test
    void toTopicAnswersTheCountOnly() throws Exception {
        String athlete = athlete();
        kafka.interleave(2, athlete);

        replay("bearer " + TokenEventsOnKafka.OPS_TOKEN, "{\"athleteId\":\"" + athlete + "\",\"target\":\"TOPIC\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.count").value(2))
            .andExpect(jsonPath("$.targetTopic").value("podium.token-events.replay"))
            .andExpect(jsonPath("$.events").doesNotExist());
    }

    @Test
    void badRequestsAre400WithAJsonError() throws Exception {
        String auth = "Bearer " + TokenEventsOnKafka.OPS_TOKEN;
        replay(auth, "{\"athleteId\":\"a\",\"from\":\"2026-11-25T00:00:00Z\",\"offset\":3}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.detail").value("give a start time (from) or an offset, not both"));
        replay(auth, "{\"athleteID\":\"a\"}").andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.detail").value(startsWith("unknown field(s) [athleteID]")));
        replay(auth, "{\"athleteId\":\"a\",\"from\":\"yesterday\"}").andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.detail").value(startsWith("from must be an ISO-8601")));
        replay(auth, "{\"athleteId\":\"a\",\"target\":\"printer\"}").andExpect(status().isBadRequest());
        replay(auth, "{\"athleteId\":\"a\",\"offset\":\"many\"}").andExpect(status().isBadRequest());
        replay(auth, "[1]").andExpect(status().isBadRequest());
        replay(auth, "not json").andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.error").value("invalid_request"));
        replay(auth, "{\"athleteId\":\"a\",\"offset\":0,\"partition\":99}").andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.detail").value(containsString("does not exist")));
    }

    @Test
    void errorsAreProblemDetailsThatNeverEchoTheInput() throws Exception {
        String auth = "Bearer " + TokenEventsOnKafka.OPS_TOKEN;
        for (String body : new String[] { "{\"athleteId\":\"a\",\"target\":\"<script>secret-1</script>\"}",
                "{\"athleteId\":\"a\",\"from\":\"secret-1\"}", "{\"athleteId\":\"a\",\"offset\":\"secret-1\"}",
                "{\"athleteId\": secret-1}", "{\"athleteId\":\"a\",\"from\":\"-9999-01-01T00:00:00Z\"}" }) {
            String answer = replay(auth, body).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.error").value("invalid_request"))
                .andReturn().getResponse().getContentAsString();
            assertThat(answer).as(body).doesNotContain("secret-1").doesNotContain("-9999");
        }
    }

    @Test
    void aFieldGivenTwiceIsRefused() throws Exception {
        // Which athlete would it be? Jackson would silently take the last one.
        replay("Bearer " + TokenEventsOnKafka.OPS_TOKEN, "{\"athleteId\":\"a\",\"athleteId\":\"b\"}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.detail").value(startsWith("a field appears twice in the body")));
    }

    private ResultActions replay(String authorization, String body) throws Exception {
        var request = post("/ops/replay").contentType(MediaType.APPLICATION_JSON).content(body);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return http.perform(request);
    }
}
