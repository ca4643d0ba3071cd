package com.exponential.access.common;

import java.util.UUID;
import java.util.function.Function;

/**
 * A table column holding {@link SecretCipher} ciphertexts, produced as a bean by the feature that owns
 * it so that {@link SecretReencryption} can move its secrets to the current key after a rotation.
 *
 * @param table a table whose primary key is a uuid column named id
 * @param column the ciphertext column
 * @param context the associated data a row's secret was sealed with, from the row's id
 */
public record EncryptedColumn(String table, String column, Function<UUID, String> context) {
}
