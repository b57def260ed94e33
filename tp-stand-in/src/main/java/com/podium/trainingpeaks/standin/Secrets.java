package com.podium.trainingpeaks.standin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Random token values and constant-time comparison, so the stand-in never models a weaker secret than the real one. */
final class Secrets {

    static final String ACCESS_TOKEN_PREFIX = "tpat_";
    static final String REFRESH_TOKEN_PREFIX = "tprt_";
    static final String CODE_PREFIX = "tpac_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /** Prefix + 32 random bytes, base64url: the prefix lets leak checks grep logs for token shapes. */
    static String newToken(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + URL_SAFE.encodeToString(bytes);
    }

    static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
