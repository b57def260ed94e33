package com.podium.connect.token.cache;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.PositiveOrZero;

/**
 * The in-memory access-token cache ({@code podium.tokens.cache.*}; README, "Token module").
 *
 * @param enabled whether reads of a token that is not due are served from memory
 * @param maximumSize how many athletes' tokens are kept at most (least recently used go first)
 * @param maxAge the longest an entry is served, however far its token's refresh time: the bound on how long another
 *        instance's revocation or disconnect can go unnoticed here when its event does not arrive; zero disables
 */
@ConfigurationProperties("podium.tokens.cache")
@Validated
public record TokenCacheProperties(@DefaultValue("true") boolean enabled,
        @PositiveOrZero @DefaultValue("10000") long maximumSize,
        @DurationMin(millis = 0) @DefaultValue("PT1M") Duration maxAge) {
}
