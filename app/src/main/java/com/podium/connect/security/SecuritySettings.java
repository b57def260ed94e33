package com.podium.connect.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code podium.security.*}. The identity provider itself is configured the Spring Boot way, under
 * {@code spring.security.oauth2.client.registration.podium.*} / {@code provider.podium.*}.
 *
 * @param demoUsers sign in with the built-in demo users (athlete, coach, ops; shown on the sign-in page). For the
 *        local demo and tests only
 * @param machineToken the bearer token machines send to the audit API and the ops endpoints (env
 *        {@code PODIUM_OPS_TOKEN}); unset means no machine may call them
 * @param rolesClaim the ID token / user info claim listing a person's roles ({@code ATHLETE}, {@code COACH},
 *        {@code OPS})
 */
@ConfigurationProperties("podium.security")
record SecuritySettings(
        @DefaultValue("false") boolean demoUsers,
        String machineToken,
        @DefaultValue("roles") String rolesClaim) {

    boolean machineTokenSet() {
        return machineToken != null && !machineToken.isBlank();
    }

    /** Never print the token, even by accident. */
    @Override
    public String toString() {
        return "SecuritySettings[demoUsers=" + demoUsers + ", machineToken=" + (machineTokenSet() ? "[set]" : "[unset]")
                + ", rolesClaim=" + rolesClaim + "]";
    }
}
