package com.podium.connect.ops;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import com.podium.connect.events.EventsProperties;

/** The replay topic, created at start-up when missing, partitioned like the source so keys spread alike. */
@Configuration(proxyBeanMethods = false)
class OpsKafkaConfiguration {

    @Bean
    NewTopic replayTopic(OpsProperties ops, EventsProperties events) {
        return TopicBuilder.name(ops.replayTopic()).partitions(events.partitions()).build();
    }
}
