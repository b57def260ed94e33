package com.podium.connect.apiclient;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.auth.AuthorizationCompleted;
import com.podium.connect.token.TokenEvents;
import com.podium.connect.token.TokenRevoked;

/**
 * Reacts to token events from Kafka: {@code TokenRevoked} stops all work for the athlete at once (block calls,
 * drop cached answers); {@code AuthorizationCompleted} lifts the block.
 * <p>
 * Every instance must see every revocation, because each one holds its own cache and block list. So the
 * consumer group is unique per instance ({@code podium-apiclient-<random UUID>}): with a shared group each event would
 * reach only one instance. A fresh group has no committed offsets; instead of "latest" (which would miss events sent
 * while partitions are still being assigned at start-up) it seeks to the instance's start time. Events from before
 * the start are not needed: a revoked athlete has no stored token, so calls fail with "not connected" anyway.
 * <p>
 * Delivery is at least once, so events are de-duplicated on {@code eventId}, and applied in the athlete's
 * {@code sequence} order: an event whose sequence is not above the last one applied for the athlete is a stale copy
 * and ignored. The sequence follows commit order, so unlike timestamps it cannot be fooled by two instances' clocks.
 */
@Component
class TokenEventListener implements ConsumerSeekAware {

    static final String GROUP_PREFIX = "podium-apiclient-";

    private static final Logger log = LoggerFactory.getLogger(TokenEventListener.class);
    private static final int REMEMBERED_EVENT_IDS = 10_000;

    private final RevocationState revocations;
    private final TrainingPeaksApi api;
    private final ObjectMapper json;
    private final Instant startedAt;
    private final Set<TopicPartition> positioned = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastApplied = new ConcurrentHashMap<>();
    private final Set<UUID> seen = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > REMEMBERED_EVENT_IDS;
        }
    });

    TokenEventListener(RevocationState revocations, TrainingPeaksApi api, ObjectMapper json) {
        this.revocations = revocations;
        this.api = api;
        this.json = json;
        this.startedAt = Instant.now();
    }

    @KafkaListener(topics = TokenEvents.TOPIC, groupId = GROUP_PREFIX + "#{T(java.util.UUID).randomUUID()}",
            containerFactory = ApiClientConfiguration.LISTENER_FACTORY)
    void onTokenEvent(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader(TokenEvents.TYPE_HEADER);
        String typeName = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
        try {
            switch (typeName) {
                case "TokenRevoked" -> revoked(json.readValue(record.value(), TokenRevoked.class));
                case "AuthorizationCompleted" -> authorized(json.readValue(record.value(), AuthorizationCompleted.class));
                default -> {
                    // TokenRefreshed, TokenRefreshFailed: nothing to stop or resume
                }
            }
        }
        catch (Exception e) {
            // A malformed event must not block the partition; the value is not logged (it is not ours to vouch for).
            log.warn("Skipping unreadable {} event at {}-{}@{}: {}", typeName, record.topic(), record.partition(),
                    record.offset(), e.getClass().getSimpleName());
        }
    }

    void revoked(TokenRevoked event) {
        if (isNew(event.eventId(), event.athleteId(), event.sequence())) {
            String reason = event.reason() == null ? "UNKNOWN" : event.reason().name();
            revocations.revoke(event.athleteId(), new RevocationState.Revocation(reason, event.detail(), event.occurredAt()));
            api.forget(event.athleteId());
            log.info("TrainingPeaks token of athlete {} revoked ({}): calls blocked, cache dropped", event.athleteId(),
                    reason);
        }
    }

    void authorized(AuthorizationCompleted event) {
        if (isNew(event.eventId(), event.athleteId(), event.sequence())) {
            revocations.lift(event.athleteId());
            api.forget(event.athleteId()); // possibly another TrainingPeaks account now
            log.info("Athlete {} authorized TrainingPeaks: calls allowed again", event.athleteId());
        }
    }

    /** Whether this instance has applied the event: lets tests wait for an event instead of racing it. */
    synchronized boolean applied(UUID eventId) {
        return seen.contains(eventId);
    }

    private synchronized boolean isNew(UUID eventId, String athleteId, long sequence) {
        if (athleteId == null || (eventId != null && !seen.add(eventId))) {
            return false;
        }
        if (sequence == TokenEvents.UNSEQUENCED) {
            return true; // schemaVersion 1: no order to check
        }
        Long last = lastApplied.get(athleteId);
        if (last != null && sequence <= last) {
            log.info("Ignoring stale event {} (sequence {}) for athlete {}: sequence {} was applied", eventId, sequence,
                    athleteId, last);
            return false;
        }
        lastApplied.put(athleteId, sequence);
        return true;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Set<TopicPartition> first = new java.util.HashSet<>(assignments.keySet());
        first.removeIf(partition -> !positioned.add(partition));
        if (!first.isEmpty()) {
            callback.seekToTimestamp(first, startedAt.toEpochMilli());
        }
    }
}
