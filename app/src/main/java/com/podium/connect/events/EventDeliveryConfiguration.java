package com.podium.connect.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import com.podium.connect.token.TokenEvents;

/** The single, ordered lane events take from a committed transaction to Kafka. */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class EventDeliveryConfiguration {

    @Bean(KafkaEventExternalizer.EXECUTOR)
    ThreadPoolTaskExecutor kafkaEventExternalizerExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        // One thread: events leave in the order their transactions committed.
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("event-externalizer-");
        // On shutdown, finish what is queued; anything left stays incomplete in the registry and is resubmitted.
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }

    /** Created at start-up when missing; partitions by athlete id key. */
    @Bean
    NewTopic tokenEventsTopic(@Value("${podium.events.partitions:3}") int partitions) {
        return TopicBuilder.name(TokenEvents.TOPIC).partitions(partitions).build();
    }
}
