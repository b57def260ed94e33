package com.podium.connect.token;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.podium.connect.token.crypto.TokenCipher;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TrainingPeaksProperties.class, TokenProperties.class })
class TokenModuleConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Fails start-up with a clear message when no key is configured: tokens are never stored in plaintext. */
    @Bean
    TokenCipher tokenCipher(TokenProperties settings) {
        return TokenCipher.fromKeyList(settings.encryption().keys(), settings.encryption().activeKeyId());
    }
}
