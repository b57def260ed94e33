package com.podium.connect.ops;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.podium.connect.token.TokenEvents;

/**
 * Replays the token events of one athlete (or all) from {@code podium.token-events}, to the caller or to the
 * replay topic, without disturbing any consumer group (see {@link TokenEventReader}).
 */
@Service
public class TokenEventReplayer {

    private static final Logger log = LoggerFactory.getLogger(TokenEventReplayer.class);

    private final TokenEventReader reader;
    private final ReplayTopicPublisher publisher;
    private final OpsProperties ops;
    private final ObjectMapper json;

    TokenEventReplayer(TokenEventReader reader, ReplayTopicPublisher publisher, OpsProperties ops, ObjectMapper json) {
        this.reader = reader;
        this.publisher = publisher;
        this.ops = ops;
        this.json = json;
    }

    public ReplayResult replay(ReplayRequest request) {
        List<ConsumerRecord<String, String>> records = ReplayOrder.merge(reader.read(TokenEvents.TOPIC, request));
        String targetTopic = null;
        if (request.target() == ReplayTarget.TOPIC) {
            publisher.publish(records);
            targetTopic = ops.replayTopic();
        }
        log.info("Replayed {} event(s) of {} from {} to {}", records.size(),
                request.athleteId() == null ? "all athletes" : request.athleteId(), TokenEvents.TOPIC,
                targetTopic == null ? "the caller" : targetTopic);
        return new ReplayResult(request, TokenEvents.TOPIC, targetTopic, records.stream().map(this::toEvent).toList());
    }

    private ReplayedEvent toEvent(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader(TokenEvents.TYPE_HEADER);
        return new ReplayedEvent(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), record.key(),
                type == null ? null : new String(type.value(), StandardCharsets.UTF_8), body(record.value()));
    }

    /** The value as JSON; a value that is not JSON (a malformed record) is kept as a string rather than dropped. */
    private JsonNode body(String value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value);
        }
        catch (JsonProcessingException e) {
            return TextNode.valueOf(value);
        }
    }
}
