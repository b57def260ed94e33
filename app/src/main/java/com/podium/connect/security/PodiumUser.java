package com.podium.connect.security;

import java.time.ZoneId;
import java.util.List;

import org.springframework.security.core.userdetails.User;

/**
 * A built-in demo user: the user name is the Podium account id. Carries a display name and a time zone, which a
 * real identity provider sends as the {@code name} and {@code zoneinfo} claims.
 */
final class PodiumUser extends User {

    private final String displayName;
    private final ZoneId zone;
    private final Roles role;

    PodiumUser(String accountId, String encodedPassword, Roles role, String displayName, ZoneId zone) {
        super(accountId, encodedPassword, List.of(role.authority()));
        this.displayName = displayName;
        this.zone = zone;
        this.role = role;
    }

    String displayName() {
        return displayName;
    }

    ZoneId zone() {
        return zone;
    }

    Roles role() {
        return role;
    }
}
