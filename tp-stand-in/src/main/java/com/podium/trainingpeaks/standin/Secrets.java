package com.podium.trainingpeaks.standin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Random token values and constant-time comparison, so the stand-in never models a weaker secret than the real one. */
final class Secrets {

    /**
     * Real tokens look like {@code "gAAAAMYien..."} (access) and {@code "i7ne!IAAA..."} (refresh) (S4 guide and
     * examples/token-response.json, S5 tests.py): they contain {@code !}, so a client that forgets to form-encode
     * them, or a redactor that stops at punctuation, fails here as it would there.
     */
    static final String ACCESS_TOKEN_PREFIX = "gAAAA";
    static final String REFRESH_TOKEN_PREFIX = "!IAAA";
    static final String CODE_PREFIX = "tpac_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /** Access token: {@code gAAAA<43 random chars>!<11 random chars>}. */
    static String newAccessToken() {
        return ACCESS_TOKEN_PREFIX + random(32) + "!" + random(8);
    }

    /** Refresh token: {@code <4 random chars>!IAAA<43 random chars>}. */
    static String newRefreshToken() {
        return random(3) + REFRESH_TOKEN_PREFIX + random(32);
    }

    /** Prefix + 32 random bytes, base64url (authorization codes; their shape is not documented). */
    static String newToken(String prefix) {
        return prefix + random(32);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return URL_SAFE.encodeToString(value);
    }

    static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
