package com.podium.connect.auth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void s256ChallengeMatchesRfc7636AppendixB() {
        assertThat(Secrets.s256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
            .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void randomValuesAreUrlSafe256BitsAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String value = Secrets.randomUrlSafe();
            // 43 base64url characters = 256 bits; also a valid PKCE verifier (43-128 unreserved characters)
            assertThat(value).matches("[A-Za-z0-9_-]{43}");
            seen.add(value);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void hashIsHexSha256() {
        assertThat(Secrets.sha256Hex("abc"))
            .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void constantTimeEqualsComparesValues() {
        assertThat(Secrets.constantTimeEquals("abc", "abc")).isTrue();
        assertThat(Secrets.constantTimeEquals("abc", "abd")).isFalse();
        assertThat(Secrets.constantTimeEquals(null, "abc")).isFalse();
    }
}
