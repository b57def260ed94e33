package com.podium.connect.audit;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.testsupport.IntegrationTest;

/** GET /api/audit/events over the real audit log: the right rows in the right order, clear 400s otherwise. */
@IntegrationTest
class AuditQueryTests {

    @Autowired
    WebApplicationContext context;

    @Autowired
    AuditEventRepository auditLog;

    @Autowired
    ObjectMapper json;

    MockMvc http;

    @BeforeEach
    void http() {
        http = MockMvcBuilders.webAppContextSetup(context).build();
    }

    @Test
    void returnsExactlyTheAthletesEventsInTheRangeOrderedByOccurrence() throws Exception {
        String athlete = "athlete-" + UUID.randomUUID();
        String other = "athlete-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-25T08:00:00Z");
        UUID before = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        UUID atTo = UUID.randomUUID();
        UUID otherAthlete = UUID.randomUUID();
        try (RawTokenEvents kafka = new RawTokenEvents()) {
            // Sent out of occurrence order: the answer must follow occurredAt, not arrival.
            kafka.send(athlete, "TokenRevoked", RawTokenEvents.revokedJson(third, athlete, t0.plusSeconds(30), "3"));
            kafka.send(athlete, "TokenRevoked", RawTokenEvents.revokedJson(first, athlete, t0, "1"));
            kafka.send(athlete, "TokenRevoked", RawTokenEvents.revokedJson(before, athlete, t0.minusMillis(1), "0"));
            kafka.send(athlete, "TokenRevoked", RawTokenEvents.revokedJson(atTo, athlete, t0.plusSeconds(60), "4"));
            kafka.send(athlete, "TokenRevoked", RawTokenEvents.revokedJson(second, athlete, t0.plusSeconds(10), "2"));
            kafka.send(other, "TokenRevoked", RawTokenEvents.revokedJson(otherAthlete, other, t0.plusSeconds(10), "x"));
        }
        for (UUID id : List.of(before, first, second, third, atTo, otherAthlete)) {
            RawTokenEvents.await("audit row " + id, Duration.ofSeconds(60), () -> auditLog.countByEventId(id) > 0);
        }

        JsonNode page = getJson("/api/audit/events?athleteId=" + athlete + "&from=2026-11-25T08:00:00Z"
                + "&to=2026-11-25T08:01:00Z");

        assertThat(page.get("count").asInt()).isEqualTo(3);
        assertThat(eventIds(page))
            .containsExactly(first.toString(), second.toString(), third.toString());
        JsonNode one = page.get("events").get(0);
        assertThat(one.get("athleteId").asText()).isEqualTo(athlete);
        assertThat(one.get("eventType").asText()).isEqualTo("TokenRevoked");
        assertThat(one.get("occurredAt").asText()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(one.get("payload").get("detail").asText()).isEqualTo("1");
        assertThat(one.get("kafkaTopic").asText()).isEqualTo("podium.token-events");

        JsonNode limited = getJson("/api/audit/events?athleteId=" + athlete + "&limit=2");
        assertThat(eventIds(limited)).containsExactly(before.toString(),
                first.toString());

        JsonNode offsetForm = getJson("/api/audit/events?athleteId=" + athlete
                + "&from=2026-11-25T09:00:10%2B01:00&to=2026-11-25T09:00:30%2B01:00");
        assertThat(eventIds(offsetForm)).containsExactly(second.toString());
    }

    @ParameterizedTest(name = "{0} -> 400 ({1})")
    @CsvSource(delimiter = '|', value = {
        "/api/audit/events                                                                 | athleteId is required",
        "/api/audit/events?athleteId=                                                      | athleteId is required",
        "/api/audit/events?athleteId=a-1&from=yesterday                                    | from must be an ISO-8601",
        "/api/audit/events?athleteId=a-1&to=2026-11-25                                     | to must be an ISO-8601",
        "/api/audit/events?athleteId=a-1&from=2026-11-26T00:00:00Z&to=2026-11-25T00:00:00Z | is after to",
        "/api/audit/events?athleteId=a-1&limit=0                                           | limit must be",
        "/api/audit/events?athleteId=a-1&limit=1001                                        | limit must be",
        "/api/audit/events?athleteId=a-1&limit=ten                                         | limit must be",
        "/api/audit/events?athleteId=a%001                                                 | must not contain control characters",
        "/api/audit/events?athleteId=%00                                                   | must not contain control characters",
        "/api/audit/events?athleteId=a-1&from=-9999-01-01T00:00:00Z                        | from must be between",
        "/api/audit/events?athleteId=a-1&from=%2B10000-01-01T00:00:00Z                     | from must be between",
        "/api/audit/events?athleteId=a-1&to=-0001-12-31T00:00:00Z                          | to must be between"})
    void badParametersAreA400ProblemDetail(String url, String detail) throws Exception {
        String body = http.perform(get(URI.create(url.strip())).accept(MediaType.APPLICATION_JSON))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.error").value("invalid_request"))
            .andExpect(jsonPath("$.status").value(400))
            .andExpect(jsonPath("$.title").value("Bad Request"))
            .andReturn().getResponse().getContentAsString();

        JsonNode error = json.readTree(body);
        assertThat(error.get("detail").asText()).contains(detail.strip());
        assertThat(body).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("9999-01")
            .doesNotContain("\\u0000");
    }

    @Test
    void theLargestAllowedLimitIsAccepted() throws Exception {
        JsonNode page = getJson("/api/audit/events?athleteId=nobody-" + UUID.randomUUID() + "&limit=1000");
        assertThat(page.get("limit").asInt()).isEqualTo(1000);
        assertThat(page.get("count").asInt()).isZero();
    }

    private static List<String> eventIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("events").forEach(event -> ids.add(event.get("eventId").asText()));
        return ids;
    }

    private JsonNode getJson(String url) throws Exception {
        // A URI, not a template: the test's %2B must reach the server as is, not be encoded again.
        return json.readTree(http.perform(get(URI.create(url)).accept(MediaType.APPLICATION_JSON))
            .andExpect(status().isOk())
            .andReturn().getResponse().getContentAsString());
    }
}
