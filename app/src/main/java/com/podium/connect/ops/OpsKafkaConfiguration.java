package com.podium.connect.ops;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The replay topic, created at start-up when missing, partitioned like the source so keys spread alike. */
@Configuration(proxyBeanMethods = false)
class OpsKafkaConfiguration {

    @Bean
    NewTopic replayTopic(OpsProperties ops, @Value("${podium.events.partitions:3}") int partitions) {
        return TopicBuilder.name(ops.replayTopic()).partitions(partitions).build();
    }
}
