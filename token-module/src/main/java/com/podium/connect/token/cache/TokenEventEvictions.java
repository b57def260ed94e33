package com.podium.connect.token.cache;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import com.podium.connect.token.TokenEvents;

/**
 * Drops the cached token of every athlete a token event names, whoever sent it: another instance's refresh,
 * revocation or re-authorization (its {@code AuthorizationCompleted}) reaches this instance this way. Events are keyed
 * by athlete id, so the record's key is all this needs; its value is not read.
 * <p>
 * Like the API client's listener, the consumer group is unique per instance (every instance must see every event) and
 * seeks to the instance's start time on first assignment: the cache holds nothing older, and "latest" would miss the
 * events sent while partitions are being assigned.
 */
@Component
class TokenEventEvictions implements ConsumerSeekAware {

    static final String GROUP_PREFIX = "podium-tokencache-";

    private final AccessTokenCache cache;
    private final Instant startedAt = Instant.now();
    private final Set<TopicPartition> positioned = ConcurrentHashMap.newKeySet();

    TokenEventEvictions(AccessTokenCache cache) {
        this.cache = cache;
    }

    @KafkaListener(topics = TokenEvents.TOPIC, groupId = GROUP_PREFIX + "#{T(java.util.UUID).randomUUID()}",
            containerFactory = TokenCacheConfiguration.LISTENER_FACTORY)
    void onTokenEvent(ConsumerRecord<String, String> record) {
        if (record.key() != null) {
            cache.evict(record.key());
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Set<TopicPartition> first = new HashSet<>(assignments.keySet());
        first.removeIf(partition -> !positioned.add(partition));
        if (!first.isEmpty()) {
            callback.seekToTimestamp(first, startedAt.toEpochMilli());
        }
    }
}
