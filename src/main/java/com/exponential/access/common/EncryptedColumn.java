package com.exponential.access.common;

import java.util.UUID;

/**
 * A table column holding {@link SecretCipher} ciphertexts, declared by the feature that owns it so
 * that {@link SecretReencryption} can move its secrets to the current key after a rotation.
 */
public interface EncryptedColumn {

    /** The table, whose primary key is a uuid column named id. */
    String table();

    String column();

    /** The associated data the row's secret was sealed with. */
    String context(UUID id);
}
