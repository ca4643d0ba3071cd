package com.exponential.access.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static CryptoConfig keys(String current, String... previous) {
        return new CryptoConfig() {
            @Override
            public String key() {
                return current;
            }

            @Override
            public Optional<List<String>> previousKeys() {
                return previous.length == 0 ? Optional.empty() : Optional.of(List.of(previous));
            }
        };
    }

    @Test
    void roundTripsAndNeverContainsThePlaintext() {
        SecretCipher cipher = new SecretCipher(keys(newKey()));
        String sealed = cipher.encrypt("0123456789abcdef0123456789abcdef", "api_token:1");
        assertThat(sealed).doesNotContain("0123456789abcdef");
        assertThat(cipher.decrypt(sealed, "api_token:1")).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(cipher.encrypt("same", "c")).isNotEqualTo(cipher.encrypt("same", "c"));
    }

    @Test
    void aCiphertextMovedToAnotherRowOrAlteredIsRejected() {
        SecretCipher cipher = new SecretCipher(keys(newKey()));
        String sealed = cipher.encrypt("secret", "api_token:1");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "api_token:2")).isInstanceOf(IllegalStateException.class);
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> cipher.decrypt(altered, "api_token:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void previousKeysStillDecryptAfterARotation() {
        String oldKey = newKey();
        String sealedUnderOld = new SecretCipher(keys(oldKey)).encrypt("kept", "ctx");
        SecretCipher rotated = new SecretCipher(keys(newKey(), oldKey));
        assertThat(rotated.decrypt(sealedUnderOld, "ctx")).isEqualTo("kept");
        assertThat(rotated.isStale(sealedUnderOld)).isTrue();
        assertThat(rotated.isStale(rotated.encrypt("fresh", "ctx"))).isFalse();
        assertThatThrownBy(() -> new SecretCipher(keys(newKey())).decrypt(sealedUnderOld, "ctx"))
                .hasMessageContaining("EXPONENTIAL_ENCRYPTION_PREVIOUS_KEYS");
    }

    @Test
    void keysMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> new SecretCipher(keys("c2hvcnQ="))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretCipher(keys("not base64!"))).hasMessageContaining("base64");
    }
}
