package com.podium.connect.token.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for tokens at rest.
 * <p>
 * Ciphertext layout: {@code format(1) | iv(12) | ciphertext+tag(16)}. The additional authenticated data binds a
 * ciphertext to its athlete, its key id and its column, so a ciphertext copied into another row (or from the
 * refresh column into the access column) fails to decrypt instead of handing out someone else's token.
 * Key ids are stored with each row, so keys can rotate: new writes use the active key, old rows stay readable
 * until re-encrypted.
 * <p>
 * Each thread reuses one {@link Cipher}: {@code Cipher.getInstance} (a provider lookup) cost more than the AES work
 * itself on the hot read path, and a reused instance also keeps the expanded key of its last key. Every use starts
 * with {@code init}, with a fresh random IV when encrypting.
 */
public final class TokenCipher {

    /** Which token a ciphertext holds: part of the associated data. */
    public enum Field {
        ACCESS_TOKEN, REFRESH_TOKEN
    }

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final byte FORMAT = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(TokenCipher::newCipher);

    /** Reads {@code PODIUM_TOKEN_KEYS}: {@code id:base64[,id2:base64...]}. */
    public static TokenCipher fromKeyList(String keyList, String activeKeyId) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (keyList != null) {
            for (String entry : keyList.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    throw new IllegalStateException("PODIUM_TOKEN_KEYS entries look like <id>:<base64 key>, separated by commas");
                }
                keys.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
            }
        }
        return new TokenCipher(keys, activeKeyId);
    }

    /**
     * @param base64Keys key id to base64-encoded 32-byte key
     * @param activeKeyId the key id new ciphertexts use; must be among the keys
     */
    public TokenCipher(Map<String, String> base64Keys, String activeKeyId) {
        if (base64Keys == null || base64Keys.isEmpty()) {
            throw new IllegalStateException("No token encryption key configured: set PODIUM_TOKEN_KEYS=<id>:<base64 of 32 random bytes>"
                    + " and PODIUM_TOKEN_ACTIVE_KEY=<id> (generate a key with: openssl rand -base64 32)");
        }
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        base64Keys.forEach((id, base64) -> parsed.put(id, parseKey(id, base64)));
        String active = activeKeyId == null || activeKeyId.isBlank() ? singleKeyId(parsed) : activeKeyId;
        if (!parsed.containsKey(active)) {
            throw new IllegalStateException("PODIUM_TOKEN_ACTIVE_KEY '" + active + "' is not among the configured key ids "
                    + parsed.keySet());
        }
        this.keys = Map.copyOf(parsed);
        this.activeKeyId = active;
    }

    private static String singleKeyId(Map<String, SecretKey> keys) {
        if (keys.size() != 1) {
            throw new IllegalStateException("Several token encryption keys " + keys.keySet()
                    + " are configured: set PODIUM_TOKEN_ACTIVE_KEY to the one new writes use");
        }
        return keys.keySet().iterator().next();
    }

    private static SecretKey parseKey(String id, String base64) {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalStateException("Token key id '" + id + "' must be 1-32 characters of [A-Za-z0-9._-]");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        }
        catch (IllegalArgumentException e) {
            throw new IllegalStateException("Token key '" + id + "' is not valid base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("Token key '" + id + "' must be 32 bytes (AES-256), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Encrypts with the active key. */
    public byte[] encrypt(String plaintext, String athleteId, Field field) {
        return encrypt(plaintext, athleteId, field, activeKeyId);
    }

    byte[] encrypt(String plaintext, String athleteId, Field field, String keyId) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key(keyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(athleteId, keyId, field));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(FORMAT).put(iv).put(sealed).array();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Token encryption failed for athlete " + athleteId, e);
        }
    }

    /** Decrypts a ciphertext made for this athlete, key id and field. */
    public String decrypt(byte[] ciphertext, String athleteId, Field field, String keyId) {
        if (ciphertext == null || ciphertext.length < 1 + IV_BYTES + TAG_BITS / 8 || ciphertext[0] != FORMAT) {
            throw new TokenDecryptionException(athleteId, keyId, "unknown ciphertext format");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key(keyId), new GCMParameterSpec(TAG_BITS, ciphertext, 1, IV_BYTES));
            cipher.updateAAD(aad(athleteId, keyId, field));
            byte[] plain = cipher.doFinal(ciphertext, 1 + IV_BYTES, ciphertext.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        }
        catch (AEADBadTagException e) {
            throw new TokenDecryptionException(athleteId, keyId, "authentication failed (wrong key, or ciphertext of another row)");
        }
        catch (GeneralSecurityException e) {
            throw new TokenDecryptionException(athleteId, keyId, e.getClass().getSimpleName());
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is not available in this JVM", e);
        }
    }

    private SecretKey key(String keyId) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new TokenDecryptionException(null, keyId, "key id not configured (is it missing from PODIUM_TOKEN_KEYS?)");
        }
        return key;
    }

    private static byte[] aad(String athleteId, String keyId, Field field) {
        return ("podium-token|v1|" + athleteId + "|" + keyId + "|" + field).getBytes(StandardCharsets.UTF_8);
    }
}
