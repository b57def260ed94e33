package com.podium.connect.token.crypto;

/** A stored token could not be decrypted: a key is missing, or the ciphertext does not belong to this row. */
public class TokenDecryptionException extends RuntimeException {

    public TokenDecryptionException(String athleteId, String keyId, String reason) {
        super("Cannot decrypt stored token of athlete " + athleteId + " with key '" + keyId + "': " + reason);
    }
}
