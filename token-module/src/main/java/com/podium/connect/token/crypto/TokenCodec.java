package com.podium.connect.token.crypto;

import java.time.Instant;

import org.springframework.stereotype.Component;

import com.podium.connect.token.AccessToken;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.crypto.TokenCipher.Field;
import com.podium.connect.token.storage.EncryptedTokens;
import com.podium.connect.token.storage.StoredAccessToken;
import com.podium.connect.token.storage.TokenRow;

/** Between plaintext grants and the ciphertexts of a row. */
@Component
public class TokenCodec {

    private final TokenCipher cipher;

    public TokenCodec(TokenCipher cipher) {
        this.cipher = cipher;
    }

    public EncryptedTokens encrypt(String athleteId, TokenGrant grant, Instant refreshAt) {
        byte[] refresh = grant.refreshToken() == null ? null
                : cipher.encrypt(grant.refreshToken(), athleteId, Field.REFRESH_TOKEN);
        return new EncryptedTokens(cipher.encrypt(grant.accessToken(), athleteId, Field.ACCESS_TOKEN), refresh,
                cipher.activeKeyId(), grant.scope(), grant.issuedAt(), grant.expiresAt(), refreshAt);
    }

    public AccessToken accessToken(TokenRow row) {
        return new AccessToken(cipher.decrypt(row.accessToken(), row.athleteId(), Field.ACCESS_TOKEN, row.keyId()),
                row.expiresAt(), row.scope());
    }

    public AccessToken accessToken(StoredAccessToken stored) {
        return new AccessToken(
                cipher.decrypt(stored.accessToken(), stored.athleteId(), Field.ACCESS_TOKEN, stored.keyId()),
                stored.expiresAt(), stored.scope());
    }

    /** The stored refresh token, or null when TrainingPeaks never gave one. */
    public String refreshToken(TokenRow row) {
        return row.refreshToken() == null ? null
                : cipher.decrypt(row.refreshToken(), row.athleteId(), Field.REFRESH_TOKEN, row.keyId());
    }
}
