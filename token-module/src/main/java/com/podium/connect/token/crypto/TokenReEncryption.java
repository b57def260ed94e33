package com.podium.connect.token.crypto;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.podium.connect.token.crypto.TokenCipher.Field;
import com.podium.connect.token.storage.TokenRow;
import com.podium.connect.token.storage.TokenStore;

/**
 * Key rotation: re-encrypts every row not yet under the active key. Run it after adding a new key to
 * {@code PODIUM_TOKEN_KEYS} and making it {@code PODIUM_TOKEN_ACTIVE_KEY}; once it reports 0 left, the old key can
 * be removed. Safe while the service runs: each row is swapped with a version check, and a row that changed
 * meanwhile was written under the active key anyway.
 */
@Component
public class TokenReEncryption {

    private static final Logger log = LoggerFactory.getLogger(TokenReEncryption.class);
    private static final int BATCH = 100;

    private final TokenStore store;
    private final TokenCipher cipher;
    private final TransactionTemplate transactions;

    public TokenReEncryption(TokenStore store, TokenCipher cipher, TransactionTemplate transactions) {
        this.store = store;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    /** @return how many rows were re-encrypted */
    public int reEncryptAll() {
        int done = 0;
        while (true) {
            List<TokenRow> batch = store.findEncryptedWithOtherKey(cipher.activeKeyId(), BATCH);
            // A row whose version moved on was rewritten by a refresh, under the active key already.
            int progress = (int) batch.stream().filter(this::reEncrypt).count();
            done += progress;
            if (batch.isEmpty() || progress == 0) {
                break;
            }
        }
        log.atInfo().addKeyValue("reEncrypted", done).addKeyValue("activeKeyId", cipher.activeKeyId())
            .log("Re-encrypted {} token rows under key {}", done, cipher.activeKeyId());
        return done;
    }

    private boolean reEncrypt(TokenRow row) {
        String athleteId = row.athleteId();
        byte[] access = cipher.encrypt(cipher.decrypt(row.accessToken(), athleteId, Field.ACCESS_TOKEN, row.keyId()),
                athleteId, Field.ACCESS_TOKEN);
        byte[] refresh = row.refreshToken() == null ? null
                : cipher.encrypt(cipher.decrypt(row.refreshToken(), athleteId, Field.REFRESH_TOKEN, row.keyId()),
                        athleteId, Field.REFRESH_TOKEN);
        return Boolean.TRUE.equals(transactions
            .execute(tx -> store.reEncrypt(athleteId, row.version(), access, refresh, cipher.activeKeyId())));
    }
}
