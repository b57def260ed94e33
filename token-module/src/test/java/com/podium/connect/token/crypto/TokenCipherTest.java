package com.podium.connect.token.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.podium.connect.token.crypto.TokenCipher.Field;

class TokenCipherTest {

    static final String KEY_0 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String KEY_1 = "H6Gb5/0hhcWPQC9nDNbPFWAiqvuSEAbHBkiwb1RNoy8=";

    final TokenCipher cipher = TokenCipher.fromKeyList("k0:" + KEY_0 + ",k1:" + KEY_1, "k1");

    @Test
    void roundTripsAndNeverStoresThePlaintext() {
        byte[] sealed = cipher.encrypt("tpat_secret-value", "a-1", Field.ACCESS_TOKEN);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("tpat_secret-value");
        assertThat(cipher.decrypt(sealed, "a-1", Field.ACCESS_TOKEN, "k1")).isEqualTo("tpat_secret-value");
    }

    @Test
    void sameTokenEncryptsDifferentlyEachTime() {
        assertThat(cipher.encrypt("same", "a-1", Field.ACCESS_TOKEN))
            .isNotEqualTo(cipher.encrypt("same", "a-1", Field.ACCESS_TOKEN));
    }

    @Test
    void ciphertextMovedToAnotherAthleteFailsToDecrypt() {
        byte[] sealed = cipher.encrypt("tpat_x", "a-1", Field.ACCESS_TOKEN);

        assertThatThrownBy(() -> cipher.decrypt(sealed, "a-2", Field.ACCESS_TOKEN, "k1"))
            .isInstanceOf(TokenDecryptionException.class)
            .hasMessageContaining("a-2")
            .hasMessageContaining("authentication failed");
    }

    @Test
    void ciphertextMovedToTheOtherColumnOrKeyIdFailsToDecrypt() {
        byte[] sealed = cipher.encrypt("tprt_x", "a-1", Field.REFRESH_TOKEN);

        assertThatThrownBy(() -> cipher.decrypt(sealed, "a-1", Field.ACCESS_TOKEN, "k1"))
            .isInstanceOf(TokenDecryptionException.class);
        assertThatThrownBy(() -> cipher.decrypt(sealed, "a-1", Field.REFRESH_TOKEN, "k0"))
            .isInstanceOf(TokenDecryptionException.class);
    }

    @Test
    void oldKeysStillDecryptAfterRotation() {
        TokenCipher before = TokenCipher.fromKeyList("k0:" + KEY_0, null);
        byte[] sealed = before.encrypt("tpat_old", "a-1", Field.ACCESS_TOKEN);

        assertThat(cipher.activeKeyId()).isEqualTo("k1");
        assertThat(cipher.decrypt(sealed, "a-1", Field.ACCESS_TOKEN, "k0")).isEqualTo("tpat_old");
    }

    @Test
    void tamperedCiphertextIsRejected() {
        byte[] sealed = cipher.encrypt("tpat_x", "a-1", Field.ACCESS_TOKEN);
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(sealed, "a-1", Field.ACCESS_TOKEN, "k1"))
            .isInstanceOf(TokenDecryptionException.class);
    }

    @Test
    void aThreadsReusedCipherRecoversFromAFailureAndSwitchesKeys() {
        byte[] tampered = cipher.encrypt("tpat_x", "a-1", Field.ACCESS_TOKEN);
        tampered[tampered.length - 1] ^= 1;
        byte[] underOldKey = TokenCipher.fromKeyList("k0:" + KEY_0, null).encrypt("tpat_old", "a-1", Field.ACCESS_TOKEN);
        byte[] underNewKey = cipher.encrypt("tpat_new", "a-1", Field.ACCESS_TOKEN);

        assertThatThrownBy(() -> cipher.decrypt(tampered, "a-1", Field.ACCESS_TOKEN, "k1"))
            .isInstanceOf(TokenDecryptionException.class);
        assertThat(cipher.decrypt(underOldKey, "a-1", Field.ACCESS_TOKEN, "k0")).isEqualTo("tpat_old");
        assertThat(cipher.decrypt(underNewKey, "a-1", Field.ACCESS_TOKEN, "k1")).isEqualTo("tpat_new");
        assertThat(cipher.decrypt(cipher.encrypt("tpat_again", "a-1", Field.ACCESS_TOKEN), "a-1", Field.ACCESS_TOKEN,
                "k1")).isEqualTo("tpat_again");
    }

    @Test
    void threadsEncryptingAndDecryptingAtOnceEachGetTheirOwnToken() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String athlete = "a-" + t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String token = "tpat_" + athlete + "_" + i;
                        byte[] sealed = cipher.encrypt(token, athlete, Field.ACCESS_TOKEN);
                        if (!cipher.decrypt(sealed, athlete, Field.ACCESS_TOKEN, "k1").equals(token)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void misconfigurationIsReportedClearly() {
        assertThatThrownBy(() -> TokenCipher.fromKeyList("", null)).hasMessageContaining("PODIUM_TOKEN_KEYS");
        assertThatThrownBy(() -> TokenCipher.fromKeyList("k0:c2hvcnQ=", null)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TokenCipher.fromKeyList("k0:" + KEY_0 + ",k1:" + KEY_1, null))
            .hasMessageContaining("PODIUM_TOKEN_ACTIVE_KEY");
        assertThatThrownBy(() -> TokenCipher.fromKeyList("k0:" + KEY_0, "k9")).hasMessageContaining("k9");
        assertThatThrownBy(() -> new TokenCipher(Map.of("k0", "not base64!"), "k0")).hasMessageContaining("base64");
    }

    @Test
    void unknownKeyIdSaysWhichKeyIsMissing() {
        byte[] sealed = cipher.encrypt("tpat_x", "a-1", Field.ACCESS_TOKEN);

        assertThatThrownBy(() -> cipher.decrypt(sealed, "a-1", Field.ACCESS_TOKEN, "gone"))
            .hasMessageContaining("'gone'")
            .hasMessageContaining("PODIUM_TOKEN_KEYS");
    }
}
