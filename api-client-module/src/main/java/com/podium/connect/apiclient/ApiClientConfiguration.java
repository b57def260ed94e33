package com.podium.connect.apiclient;

import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

import com.podium.connect.token.TokenEventConsumers;

/** The token-event consumer: plain strings, no shared group, positioned by {@link TokenEventListener}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiClientProperties.class)
class ApiClientConfiguration {

    static final String LISTENER_FACTORY = "apiClientTokenEventsListenerFactory";

    @Bean(LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, String> apiClientTokenEventsListenerFactory(KafkaProperties kafka) {
        return TokenEventConsumers.perInstance(kafka);
    }
}
