package com.podium.connect.token;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * Listener containers for consumers of {@link TokenEvents#TOPIC} that keep per-instance state (a cache, a block on
 * revoked athletes): every instance must see every event, so each has a group of its own for as long as it lives,
 * and its listener seeks to the instance's start time. Keys and values are plain strings.
 */
public final class TokenEventConsumers {

    private TokenEventConsumers() {
    }

    public static ConcurrentKafkaListenerContainerFactory<String, String> perInstance(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // Only the group's first start needs a position, and the listener seeks to its start time anyway.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // The group lives as long as the instance: its committed offsets are of no use to anyone.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        return factory;
    }
}
