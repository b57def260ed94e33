package com.podium.trainingpeaks.standin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** RFC 7636 verification; strict about the verifier format so a sloppy client is caught here, not in production. */
final class Pkce {

    static final String S256 = "S256";
    static final String PLAIN = "plain";
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    private Pkce() {
    }

    static boolean supportsMethod(String method) {
        return S256.equals(method) || PLAIN.equals(method);
    }

    /** True when no challenge was sent at authorize time, or the verifier matches it. */
    static boolean verifies(String challenge, String method, String verifier) {
        if (challenge == null) {
            return true;
        }
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        String expected = PLAIN.equals(method) ? verifier : s256(verifier);
        return Secrets.constantTimeEquals(challenge, expected);
    }

    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
