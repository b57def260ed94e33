package com.podium.connect.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.podium.connect.auth.AuthorizationCompleted;
import com.podium.connect.token.TokenEvents;
import com.podium.connect.token.TokenRefreshFailed;
import com.podium.connect.token.TokenRefreshed;
import com.podium.connect.token.TokenRevoked;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.KafkaTopicReader;

/**
 * The event contract the app serves (/contracts/asyncapi.yaml and its JSON Schemas) against records actually read
 * from Kafka: every event type, published the way the modules publish (in a transaction, through the outbox and
 * the externalizer), validates against the schema its type header names, and carries no field the schema does not
 * describe.
 */
@IntegrationTest
@AutoConfigureObservability(tracing = false) // same context as MetricsIntegrationTests
@AutoConfigureMockMvc
class ContractTests {

    static final Set<String> EVENT_TYPES = Set.of("AuthorizationCompleted", "TokenRefreshed", "TokenRefreshFailed",
            "TokenRevoked");

    @Autowired
    MockMvc http;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    final ObjectMapper json = new ObjectMapper();

    final String athlete = "contract-" + UUID.randomUUID();

    @Test
    void theAsyncApiDocumentDescribesTheThreeTopicsAndEveryEventType() throws Exception {
        JsonNode asyncApi = new YAMLMapper().readTree(served("/contracts/asyncapi.yaml"));

        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");
        List<String> addresses = new ArrayList<>();
        asyncApi.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrder(TokenEvents.TOPIC, "podium.token-events.DLT",
                "podium.token-events.replay");
        JsonNode messages = asyncApi.path("components").path("messages");
        assertThat(fieldNames(messages)).containsExactlyInAnyOrderElementsOf(EVENT_TYPES);
        for (String type : EVENT_TYPES) {
            String ref = messages.path(type).path("payload").path("schema").path("$ref").asText();
            assertThat(ref).isEqualTo("schemas/" + type + ".json");
            assertThat(json.readTree(served("/contracts/" + ref)).path("title").asText()).isEqualTo(type);
        }
    }

    @Test
    void everyEventReadFromKafkaMatchesItsSchema() throws Exception {
        Instant now = Instant.now();
        List<Object> published = List.of(
                AuthorizationCompleted.of(athlete, now, "ATHLETE", "athlete:profile", now.plusSeconds(3600)),
                TokenRefreshed.of(athlete, now, "athlete:profile", now.plusSeconds(3600), false, 2),
                TokenRefreshFailed.of(athlete, now, "server_error", 502, "Bad Gateway", true, 1, now.plusSeconds(30)),
                TokenRefreshFailed.of(athlete, now, "timeout", null, "no answer within 10 s", true, 2, now),
                TokenRefreshFailed.of(athlete, now, "invalid_grant", 400, "refresh token revoked", false, 3, null),
                TokenRevoked.of(athlete, now, TokenRevoked.Reason.REFRESH_REJECTED, "invalid_grant"));
        for (Object event : published) {
            transactions.executeWithoutResult(tx -> events.publishEvent(event));
        }

        List<ConsumerRecord<String, String>> records = KafkaTopicReader
            .readUntil(TokenEvents.TOPIC, Duration.ofSeconds(30),
                    read -> read.stream().filter(r -> athlete.equals(r.key())).count() >= published.size())
            .stream()
            .filter(r -> athlete.equals(r.key()))
            .toList();

        assertThat(records).hasSize(published.size());
        Map<String, Schema> schemas = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            String type = new String(record.headers().lastHeader(TokenEvents.TYPE_HEADER).value());
            assertThat(EVENT_TYPES).contains(type);
            Schema schema = schemas.computeIfAbsent(type, this::schema);
            JsonNode value = json.readTree(record.value());

            List<Error> errors = schema.validate(value);
            assertThat(errors).as("%s %s", type, record.value()).isEmpty();
            assertThat(value.path("athleteId").asText()).isEqualTo(record.key());
            // The published schemas let consumers ignore unknown fields; the contract still has to name them all.
            JsonNode described = json.readTree(served("/contracts/schemas/" + type + ".json")).path("properties");
            assertThat(fieldNames(value)).as("fields of %s the schema does not describe", type)
                .allSatisfy(field -> assertThat(described.has(field)).as(field).isTrue());
        }
        assertThat(records.stream().map(r -> new String(r.headers().lastHeader(TokenEvents.TYPE_HEADER).value())))
            .containsAll(EVENT_TYPES);
    }

    @Test
    void aMessageThatBreaksTheContractFailsValidation() throws Exception {
        JsonNode broken = json.readTree("""
                {"eventId":"not-a-uuid-but-a-string","schemaVersion":1,"athleteId":"a-42",
                 "occurredAt":"2026-11-25T10:00:00Z","reason":"FORGOTTEN","detail":null}""");

        assertThat(schema("TokenRevoked").validate(broken)).isNotEmpty();
        assertThat(schema("TokenRefreshed").validate(json.readTree("{\"athleteId\":\"a-42\"}"))).isNotEmpty();
    }

    private Schema schema(String type) {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(served("/contracts/schemas/" + type + ".json"));
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String served(String path) throws Exception {
        MockHttpServletResponse response = http.perform(get(path)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
