package com.podium.connect.token.cache;

import java.time.Clock;

import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

import com.podium.connect.token.TokenEventConsumers;

/** The access-token cache and the consumer that evicts from it: plain strings, no shared group. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenCacheProperties.class)
class TokenCacheConfiguration {

    static final String LISTENER_FACTORY = "tokenCacheEventsListenerFactory";

    @Bean
    AccessTokenCache accessTokenCache(TokenCacheProperties settings, Clock clock) {
        return new AccessTokenCache(settings, clock);
    }

    @Bean(LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, String> tokenCacheEventsListenerFactory(KafkaProperties kafka) {
        return TokenEventConsumers.perInstance(kafka);
    }
}
