package com.podium.connect.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * Reads a bounded slice of a topic without a consumer group: {@code assign()} instead of {@code subscribe()},
 * no {@code group.id}, nothing committed, so no live consumer's offsets or partition assignment is touched.
 * Reads every partition from the requested start up to the end offsets captured first, so it always ends.
 */
@Component
class TokenEventReader {

    private final Map<String, Object> consumerConfig;
    private final OpsProperties ops;

    TokenEventReader(KafkaProperties kafka, ObjectProvider<SslBundles> sslBundles, OpsProperties ops) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(sslBundles.getIfAvailable()));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Only reached when an offset fell off the log: then start at what is left.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerConfig = Map.copyOf(config);
        this.ops = ops;
    }

    /** The matching records of {@code topic}, per partition in offset order. */
    Map<Integer, List<ConsumerRecord<String, String>>> read(String topic, ReplayRequest request) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "podium-ops-replay-" + UUID.randomUUID());
        Duration timeout = ops.replayTimeout();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
            if (request.partition() != null && request.partition() >= partitions.size()) {
                throw new InvalidReplayRequestException("partition " + request.partition() + " does not exist: "
                        + topic + " has " + partitions.size() + " partition(s)");
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> start = startOffsets(consumer, partitions, end, request, timeout);
            return readRange(consumer, start, end, request, deadline);
        }
        catch (KafkaException e) {
            throw new ReplayException("reading " + topic + " failed: " + e.getMessage(), e);
        }
    }

    private static Map<TopicPartition, Long> startOffsets(KafkaConsumer<String, String> consumer,
            List<TopicPartition> partitions, Map<TopicPartition, Long> end, ReplayRequest request, Duration timeout) {
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> start = new HashMap<>();
        if (request.from() != null) {
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(tp -> times.put(tp, request.from().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, timeout);
            // No record at or after the time on that partition: nothing to read there.
            partitions.forEach(tp -> start.put(tp, found.get(tp) == null ? end.get(tp) : found.get(tp).offset()));
        }
        else if (request.offset() != null) {
            for (TopicPartition tp : partitions) {
                boolean chosen = request.partition() == null || request.partition() == tp.partition();
                start.put(tp, chosen ? Math.min(Math.max(request.offset(), beginning.get(tp)), end.get(tp))
                        : end.get(tp));
            }
        }
        else {
            start.putAll(beginning);
        }
        return start;
    }

    private Map<Integer, List<ConsumerRecord<String, String>>> readRange(KafkaConsumer<String, String> consumer,
            Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, ReplayRequest request, Instant deadline) {
        Set<TopicPartition> remaining = new HashSet<>();
        start.forEach((tp, offset) -> {
            if (offset < end.get(tp)) {
                remaining.add(tp);
            }
        });
        Map<Integer, List<ConsumerRecord<String, String>>> matched = new HashMap<>();
        if (remaining.isEmpty()) {
            return matched;
        }
        consumer.assign(remaining);
        remaining.forEach(tp -> consumer.seek(tp, start.get(tp)));
        int count = 0;
        while (!remaining.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new ReplayException("the replay did not reach the end offsets within "
                        + ops.replayTimeout() + " (podium.ops.replay-timeout); still reading " + remaining);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(tp) && request.matches(record.key(), record.timestamp())) {
                    if (++count > ops.replayMaxEvents()) {
                        throw new ReplayTooLargeException(ops.replayMaxEvents());
                    }
                    matched.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
                }
            }
            for (TopicPartition tp : List.copyOf(remaining)) {
                if (consumer.position(tp) >= end.get(tp)) {
                    remaining.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
        }
        return matched;
    }
}
