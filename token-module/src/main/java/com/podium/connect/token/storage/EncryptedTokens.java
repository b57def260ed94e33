package com.podium.connect.token.storage;

import java.time.Instant;

/** What a grant writes into a row: ciphertexts plus their metadata. */
public record EncryptedTokens(byte[] accessToken, byte[] refreshToken, String keyId, String scope, Instant issuedAt,
        Instant expiresAt, Instant refreshAt) {
}
