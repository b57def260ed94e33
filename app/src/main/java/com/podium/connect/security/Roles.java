package com.podium.connect.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The three roles a person can have. A machine with the bearer token acts as {@code OPS}. */
enum Roles {
    ATHLETE, COACH, OPS;

    GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }

    /** A role named in a claim ({@code coach}, {@code ROLE_COACH}), if it is one of ours. */
    static Optional<Roles> parse(String value) {
        String name = value.toUpperCase(Locale.ROOT).replaceFirst("^ROLE_", "");
        for (Roles role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    static List<GrantedAuthority> authorities(Collection<Roles> roles) {
        return roles.stream().map(Roles::authority).toList();
    }
}
