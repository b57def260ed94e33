package com.podium.connect.ops;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Re-publishes replayed records to the replay topic: same key (so the same per-athlete ordering), same value and
 * headers, plus {@code podium-replay-source} = {@code topic/partition/offset} of the original.
 */
@Component
class ReplayTopicPublisher {

    static final String SOURCE_HEADER = "podium-replay-source";

    private final KafkaOperations<String, String> kafka;
    private final OpsProperties ops;

    ReplayTopicPublisher(KafkaOperations<String, String> kafka, OpsProperties ops) {
        this.kafka = kafka;
        this.ops = ops;
    }

    /** Sends in the given order and returns once the broker acknowledged every record. */
    void publish(List<ConsumerRecord<String, String>> records) {
        CompletableFuture<?>[] sends = records.stream().map(this::send).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(ops.replayTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new ReplayException("publishing to " + ops.replayTopic() + " failed: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while publishing to " + ops.replayTopic(), e);
        }
    }

    private CompletableFuture<?> send(ConsumerRecord<String, String> original) {
        ProducerRecord<String, String> copy = new ProducerRecord<>(ops.replayTopic(), null, original.key(),
                original.value(), original.headers());
        copy.headers().add(SOURCE_HEADER, (original.topic() + "/" + original.partition() + "/" + original.offset())
            .getBytes(StandardCharsets.UTF_8));
        return kafka.send(copy);
    }
}
