package com.podium.connect.ops;

import static com.podium.connect.ops.TokenEventsOnKafka.athlete;
import static com.podium.connect.ops.TokenEventsOnKafka.idsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.ops.TokenEventsOnKafka.Sent;
import com.podium.testsupport.IntegrationTest;

/** The {@code replay} command, run through its runner against the real topic, output captured. */
@IntegrationTest(properties = { "podium.security.machine-token=" + TokenEventsOnKafka.OPS_TOKEN,
        "podium.audit.group-id=" + TokenEventsOnKafka.AUDIT_GROUP })
class ReplayCommandLineRunnerTests {

    @Autowired
    TokenEventReplayer replayer;

    @Autowired
    ObjectMapper json;

    final TokenEventsOnKafka kafka = new TokenEventsOnKafka();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void printsOneJsonLinePerEventOfTheAthleteInOrder() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String athlete = athlete();
        List<Sent> sent = kafka.interleave(3, athlete, athlete());

        ReplayCommandLineRunner runner = runner();
        runner.run(new DefaultApplicationArguments("replay", "--athlete=" + athlete, "--from=" + start));

        assertThat(runner.getExitCode()).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = json.readTree(lines.get(i));
            Sent expected = sent.stream().filter(s -> s.athleteId().equals(athlete)).toList().get(i);
            assertThat(line.get("partition").asInt()).isEqualTo(expected.where().partition());
            assertThat(line.get("offset").asLong()).isEqualTo(expected.where().offset());
            assertThat(Instant.parse(line.get("timestamp").asText()))
                .isEqualTo(Instant.ofEpochMilli(expected.where().timestamp()));
            assertThat(line.get("key").asText()).isEqualTo(athlete);
            ids.add(UUID.fromString(line.get("event").get("eventId").asText()));
        }
        assertThat(ids).containsExactlyElementsOf(idsOf(sent, athlete));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("replayed 3 event(s)");
    }

    @Test
    void badArgumentsExitWithUsageAndPrintNoEvents() {
        ReplayCommandLineRunner runner = runner();
        runner.run(new DefaultApplicationArguments("replay", "--athlete=a", "--from=yesterday"));

        assertThat(runner.getExitCode()).isEqualTo(ReplayCommandLineRunner.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("from must be an ISO-8601").contains("usage:");

        ReplayCommandLineRunner typo = runner();
        typo.run(new DefaultApplicationArguments("replay", "--athelete=a"));
        assertThat(typo.getExitCode()).isEqualTo(ReplayCommandLineRunner.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --athelete");
    }

    @Test
    void withoutTheReplayCommandItDoesNothing() {
        ReplayCommandLineRunner runner = runner();
        runner.run(new DefaultApplicationArguments("--server.port=0", "serve"));

        assertThat(runner.getExitCode()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private ReplayCommandLineRunner runner() {
        return new ReplayCommandLineRunner(replayer, json, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
