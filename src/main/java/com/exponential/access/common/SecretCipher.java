package com.exponential.access.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets that must be kept in clear-recoverable form (Hex Keys, Fireflies API keys).
 * Ciphertexts name the key that made them, so older keys keep decrypting during a rotation, and they
 * are bound to their row (associated data), so a database writer cannot swap one row's secret into another.
 */
@ApplicationScoped
public class SecretCipher {

    private static final String PREFIX = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    public SecretCipher(CryptoConfig config) {
        List<String> all = new ArrayList<>();
        all.add(config.key());
        config.previousKeys().ifPresent(all::addAll);
        String first = null;
        for (String encoded : all) {
            byte[] raw = decodeKey(encoded);
            String id = keyId(raw);
            keys.putIfAbsent(id, new SecretKeySpec(raw, "AES"));
            if (first == null) {
                first = id;
            }
        }
        this.currentKeyId = first;
    }

    public String encrypt(String plaintext, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return PREFIX + "." + currentKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(String stored, String context) {
        String[] parts = stored.split("\\.");
        if (parts.length != 3 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("Not a ciphertext of this service");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("The key " + parts[1] + " that encrypted this secret is not configured; "
                    + "add it to EXPONENTIAL_ENCRYPTION_PREVIOUS_KEYS");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret failed its integrity check", e);
        }
    }

    /** Whether a ciphertext was made with an older key and should be re-encrypted. */
    public boolean isStale(String stored) {
        return !stored.startsWith(currentPrefix());
    }

    /** Whether older keys are configured (a rotation is under way). */
    public boolean hasPreviousKeys() {
        return keys.size() > 1;
    }

    /** How every ciphertext made with the current key begins (hex key id: nothing a LIKE pattern treats specially). */
    public String currentPrefix() {
        return PREFIX + "." + currentKeyId + ".";
    }

    private static byte[] decodeKey(String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("EXPONENTIAL_ENCRYPTION_KEY and EXPONENTIAL_ENCRYPTION_PREVIOUS_KEYS must be base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("An encryption key must be 32 bytes (base64 of 32 random bytes), got " + raw.length);
        }
        return raw;
    }

    /** A short, non-secret name of a key: the start of its SHA-256. */
    private static String keyId(byte[] raw) {
        return HexFormat.of().formatHex(Digests.sha256(raw), 0, 4);
    }
}
