package com.podium.connect.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * The bearer token of machines (scripts, the scheduler that runs replays) as an opaque token Spring Security's
 * resource server checks: the configured {@code PODIUM_OPS_TOKEN} grants role {@code OPS}. Where the identity
 * provider issues tokens to machines, an introspection URI or JWTs replace this class.
 */
final class MachineTokens implements OpaqueTokenIntrospector {

    static final String MACHINE = "machine";

    private final String token;

    MachineTokens(String token) {
        this.token = token == null || token.isBlank() ? null : token;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String presented) {
        if (token == null || !sameSecret(presented, token)) {
            throw new BadOpaqueTokenException("unknown bearer token");
        }
        return new DefaultOAuth2AuthenticatedPrincipal(MACHINE, Map.of("sub", MACHINE),
                List.of(Roles.OPS.authority()));
    }

    /** Constant time in the content and, by comparing digests, in the length too. */
    static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
