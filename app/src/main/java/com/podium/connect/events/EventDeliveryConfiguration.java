package com.podium.connect.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import com.podium.connect.token.TokenEvents;

/**
 * The token-events topic. No executor of its own: the {@link EventRelay} has its one thread, and in-process
 * {@code @ApplicationModuleListener}s run on Spring Boot's {@code applicationTaskExecutor}.
 */
@Configuration(proxyBeanMethods = false)
class EventDeliveryConfiguration {

    /** Created at start-up when missing; partitions by athlete id key. */
    @Bean
    NewTopic tokenEventsTopic(EventsProperties events) {
        return TopicBuilder.name(TokenEvents.TOPIC).partitions(events.partitions()).build();
    }
}
