package com.podium.connect.auth.flow;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.podium.connect.token.AccountRole;

/**
 * Settings of the Authorization Code flow ({@code podium.auth.*}).
 *
 * @param pkceEnabled send an S256 PKCE challenge; off by default because TrainingPeaks has not confirmed PKCE support
 * @param stateTtl how long a {@code state} handed to TrainingPeaks stays redeemable
 * @param scopes the scope asked for, per role
 */
@ConfigurationProperties("podium.auth")
@Validated
public record AuthProperties(@DefaultValue("false") boolean pkceEnabled,
        @DurationMin(seconds = 1) @DefaultValue("PT10M") Duration stateTtl, @Valid @DefaultValue Scopes scopes) {

    /**
     * Space-separated TrainingPeaks scopes: only what the product calls, because TrainingPeaks' production review
     * rejects unneeded scopes and an exchange fails for a scope the app was not granted. {@code athlete:profile} and
     * {@code coach:athletes} cannot be granted together.
     */
    public record Scopes(@NotBlank @DefaultValue("athlete:profile workouts:read metrics:read") String athlete,
            @NotBlank @DefaultValue("coach:athletes workouts:read metrics:read") String coach) {

        public String forRole(AccountRole role) {
            return role == AccountRole.COACH ? coach : athlete;
        }
    }
}
