package com.exponential.access.token;

import com.exponential.access.common.EncryptedColumn;
import jakarta.inject.Singleton;
import java.util.UUID;

/** Where Hex Keys are stored encrypted, for the re-encryption after a key rotation. */
@Singleton
public class HexKeyColumn implements EncryptedColumn {

    @Override
    public String table() {
        return "api_token";
    }

    @Override
    public String column() {
        return "secret_ciphertext";
    }

    @Override
    public String context(UUID id) {
        return TokenService.cipherContext(id);
    }
}
