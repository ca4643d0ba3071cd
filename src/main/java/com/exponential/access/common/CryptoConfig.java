package com.exponential.access.common;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Keys that encrypt stored secrets (Hex Keys, users' Fireflies API keys). */
@ConfigMapping(prefix = "exponential.encryption")
public interface CryptoConfig {

    /** Base64 of 32 bytes, the AES-GCM key of new ciphertexts (EXPONENTIAL_ENCRYPTION_KEY). */
    String key();

    /** Older keys still accepted for decryption during a rotation (EXPONENTIAL_ENCRYPTION_PREVIOUS_KEYS). */
    Optional<List<String>> previousKeys();
}
