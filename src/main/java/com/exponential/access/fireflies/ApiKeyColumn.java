package com.exponential.access.fireflies;

import com.exponential.access.common.EncryptedColumn;
import jakarta.inject.Singleton;
import java.util.UUID;

/** Where users' Fireflies API keys are stored encrypted, for the re-encryption after a key rotation. */
@Singleton
public class ApiKeyColumn implements EncryptedColumn {

    @Override
    public String table() {
        return "integration";
    }

    @Override
    public String column() {
        return "api_key_ciphertext";
    }

    @Override
    public String context(UUID id) {
        return Integration.cipherContext(id);
    }
}
