package com.podium.connect.ops;

import static com.podium.connect.ops.TokenEventsOnKafka.athlete;
import static com.podium.connect.ops.TokenEventsOnKafka.idsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.MessageListenerContainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.ops.TokenEventsOnKafka.Sent;
import com.podium.connect.token.TokenEvents;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.KafkaTopicReader;
import com.podium.testsupport.RealInfrastructure;

/** The replay against a real broker: the right events, in order, from the right point, touching no group. */
@IntegrationTest(properties = { "podium.security.machine-token=" + TokenEventsOnKafka.OPS_TOKEN,
        "podium.audit.group-id=" + TokenEventsOnKafka.AUDIT_GROUP })
class TokenEventReplayerTests {

    @Autowired
    TokenEventReplayer replayer;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    KafkaOperations<String, String> kafkaTemplate;

    final TokenEventsOnKafka kafka = new TokenEventsOnKafka();

    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void replaysExactlyTheChosenAthletesEventsInOrder() throws Exception {
        String a = athlete();
        String b = athlete();
        String c = athlete();
        List<Sent> sent = kafka.interleave(4, a, b, c);

        ReplayResult result = replayer.replay(new ReplayRequest(b, null, null, null, ReplayTarget.CONSOLE));

        assertThat(result.events()).extracting(e -> UUID.fromString(e.event().get("eventId").asText()))
            .containsExactlyElementsOf(idsOf(sent, b));
        assertThat(result.events()).extracting(ReplayedEvent::key).containsOnly(b);
        assertThat(result.events()).extracting(ReplayedEvent::eventType).containsOnly("TokenRevoked");
        Sent firstOfB = sent.stream().filter(s -> s.athleteId().equals(b)).findFirst().orElseThrow();
        ReplayedEvent first = result.events().get(0);
        assertThat(first.partition()).isEqualTo(firstOfB.where().partition());
        assertThat(first.offset()).isEqualTo(firstOfB.where().offset());
        assertThat(first.timestamp()).isEqualTo(Instant.ofEpochMilli(firstOfB.where().timestamp()));
        assertThat(result.targetTopic()).isNull();
    }

    @Test
    void replayOfAllAthletesKeepsEachAthletesOrder() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String a = athlete();
        String b = athlete();
        List<Sent> sent = kafka.interleave(3, a, b);

        ReplayResult all = replayer.replay(ReplayRequest.fromTime(null, start, ReplayTarget.CONSOLE));

        for (String athlete : List.of(a, b)) {
            assertThat(all.events().stream().filter(e -> athlete.equals(e.key()))
                .map(e -> UUID.fromString(e.event().get("eventId").asText())).toList())
                .containsExactlyElementsOf(idsOf(sent, athlete));
        }
        assertThat(all.events()).extracting(ReplayedEvent::timestamp).isSorted();
    }

    @Test
    void fromTimestampSkipsEarlierEvents() throws Exception {
        String athlete = athlete();
        Instant now = Instant.now();
        kafka.send(athlete, now.minus(Duration.ofHours(2)));
        kafka.send(athlete, now.minus(Duration.ofHours(1)));
        Sent recent = kafka.send(athlete, now.minus(Duration.ofMinutes(10)));
        Sent latest = kafka.send(athlete);

        ReplayResult result = replayer.replay(ReplayRequest.fromTime(athlete, now.minus(Duration.ofMinutes(30)),
                ReplayTarget.CONSOLE));

        assertThat(result.events()).extracting(e -> UUID.fromString(e.event().get("eventId").asText()))
            .containsExactly(recent.eventId(), latest.eventId());
    }

    @Test
    void fromOffsetStartsAtThatRecord() throws Exception {
        String athlete = athlete();
        kafka.send(athlete);
        Sent second = kafka.send(athlete);
        Sent third = kafka.send(athlete);

        ReplayResult onItsPartition = replayer.replay(ReplayRequest.fromOffset(athlete, second.where().offset(),
                second.where().partition(), ReplayTarget.CONSOLE));
        ReplayResult onEveryPartition = replayer.replay(ReplayRequest.fromOffset(athlete, second.where().offset(),
                null, ReplayTarget.CONSOLE));

        assertThat(onItsPartition.events()).extracting(e -> UUID.fromString(e.event().get("eventId").asText()))
            .containsExactly(second.eventId(), third.eventId());
        assertThat(onEveryPartition.events()).extracting(e -> UUID.fromString(e.event().get("eventId").asText()))
            .containsExactly(second.eventId(), third.eventId());
    }

    @Test
    void replayDoesNotMoveTheAuditGroupsCommittedOffsets() throws Exception {
        MessageListenerContainer audit = listeners.getListenerContainer("podium-audit");
        assertThat(audit).isNotNull();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.endpoints().kafkaBootstrapServers()))) {
            audit.stop();
            // With the audit consumer stopped, new events leave its group behind the end of the topic.
            String athlete = athlete();
            List<Sent> sent = kafka.interleave(3, athlete);
            Map<TopicPartition, OffsetAndMetadata> before = committed(admin);
            Set<String> groupsBefore = groups(admin);
            TopicPartition tp = new TopicPartition(TokenEvents.TOPIC, sent.get(0).where().partition());
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
            assertThat(before.containsKey(tp) ? before.get(tp).offset() : 0L).isLessThan(end);

            ReplayResult toConsole = replayer.replay(new ReplayRequest(null, null, null, null, ReplayTarget.CONSOLE));
            ReplayResult toTopic = replayer.replay(new ReplayRequest(athlete, null, null, null, ReplayTarget.TOPIC));

            assertThat(toConsole.events()).extracting(ReplayedEvent::key).contains(athlete);
            assertThat(toTopic.count()).isEqualTo(3);
            assertThat(committed(admin)).isEqualTo(before);
            assertThat(groups(admin)).isEqualTo(groupsBefore);
        }
        finally {
            audit.start();
        }
    }

    @Test
    void replayToTopicWritesExactlyThoseRecordsToTheReplayTopic() throws Exception {
        String athlete = athlete();
        String other = athlete();
        List<Sent> sent = kafka.interleave(3, athlete, other);

        ReplayResult result = replayer.replay(new ReplayRequest(athlete, null, null, null, ReplayTarget.TOPIC));
        // A sentinel behind the replayed records on the same key (so the same partition): once it is read,
        // everything the replay wrote for this athlete has been read too.
        String sentinel = "sentinel-" + UUID.randomUUID();
        kafkaTemplate.send(new ProducerRecord<>(result.targetTopic(), athlete, sentinel)).get();

        List<ConsumerRecord<String, String>> replayed = KafkaTopicReader
            .readUntil("podium.token-events.replay", Duration.ofSeconds(60),
                    read -> read.stream().anyMatch(r -> sentinel.equals(r.value())))
            .stream().filter(r -> athlete.equals(r.key()) && !sentinel.equals(r.value())).toList();

        assertThat(result.targetTopic()).isEqualTo("podium.token-events.replay");
        assertThat(result.count()).isEqualTo(3);
        assertThat(replayed).extracting(r -> json.readTree(r.value()).get("eventId").asText())
            .containsExactlyElementsOf(idsOf(sent, athlete).stream().map(UUID::toString).toList());
        assertThat(replayed).extracting(r -> header(r, TokenEvents.TYPE_HEADER)).containsOnly("TokenRevoked");
        List<Sent> mine = sent.stream().filter(s -> s.athleteId().equals(athlete)).toList();
        for (int i = 0; i < mine.size(); i++) {
            assertThat(header(replayed.get(i), ReplayTopicPublisher.SOURCE_HEADER)).isEqualTo(TokenEvents.TOPIC + "/"
                    + mine.get(i).where().partition() + "/" + mine.get(i).where().offset());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(TokenEventsOnKafka.AUDIT_GROUP).partitionsToOffsetAndMetadata().get();
    }

    private static Set<String> groups(Admin admin) throws Exception {
        return Set.copyOf(admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId).toList());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
