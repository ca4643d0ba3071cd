package com.exponential.access.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.exponential.access.common.CryptoConfig;
import com.exponential.access.common.SecretCipher;
import com.exponential.access.common.SecretReencryption;
import com.exponential.access.fireflies.Integration;
import com.exponential.access.support.ApiTokens;
import com.exponential.access.support.BrowserSession;
import com.exponential.access.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rotating the JWT signing key and the encryption key breaks nothing already issued or stored. */
@QuarkusTest
@TestProfile(KeyRotationTest.RotatedKeys.class)
class KeyRotationTest {

    /** The "old" keys, made for this test run only: an RSA pair whose public half is now a previous key, and an AES key. */
    static final KeyPair OLD_SIGNING;
    static final String OLD_ENCRYPTION_KEY;
    static final Path PREVIOUS_KEYS_FILE;

    static {
        try {
            OLD_SIGNING = JwtForge.newKeyPair();
            byte[] aes = new byte[32];
            new SecureRandom().nextBytes(aes);
            OLD_ENCRYPTION_KEY = Base64.getEncoder().encodeToString(aes);
            PREVIOUS_KEYS_FILE = Files.createTempFile("previous-jwt-keys", ".pem");
            Files.writeString(PREVIOUS_KEYS_FILE, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(OLD_SIGNING.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A configuration right after a rotation of both keys. */
    public static class RotatedKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "exponential.jwt.previous-keys-file", PREVIOUS_KEYS_FILE.toString(),
                    "exponential.encryption.previous-keys", OLD_ENCRYPTION_KEY);
        }
    }

    @Inject
    TokenService tokens;

    @Inject
    SecretCipher cipher;

    @Inject
    SecretReencryption reencryption;

    @Test
    void tokensSignedByThePreviousKeyKeepWorkingAndJwksListsBothKeys() throws Exception {
        BrowserSession browser = BrowserSession.signedUp("Rotation");
        String current = ApiTokens.jwt(browser);
        Map<String, Object> claims = new java.util.HashMap<>(JwtForge.claimsOf(current));
        // A token issued before the rotation: its row exists, it was signed by the old key.
        UUID oldId = UUID.randomUUID();
        UUID userId = UUID.fromString((String) claims.get("sub"));
        storedBeforeRotation(oldId, userId, ApiToken.Type.JWT, t -> t.hint = "old!");
        claims.put("jti", oldId.toString());
        String oldKid = JwtKeys.thumbprint((RSAPublicKey) OLD_SIGNING.getPublic());
        String signedByOldKey = JwtForge.sign(claims, OLD_SIGNING.getPrivate(), oldKid);

        given().auth().oauth2(signedByOldKey).get("/api/v1/me").then().statusCode(200).body("email", equalTo(browser.email));
        String currentKid = (String) JwtForge.headerOf(current).get("kid");
        assertThat(currentKid).isNotEqualTo(oldKid);
        given().get("/.well-known/jwks.json").then().statusCode(200).body("keys.kid", hasItems(currentKid, oldKid));

        browser.request().delete("/api/v1/tokens/" + oldId).then().statusCode(204);
        given().auth().oauth2(signedByOldKey).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void hexKeysStoredUnderThePreviousEncryptionKeyStillVerify() {
        BrowserSession browser = BrowserSession.signedUp("Old Hex");
        UUID userId = QuarkusTransaction.requiringNew().call(() -> User.findByEmail(browser.email).orElseThrow().id);
        String secret = tokens.newHexKey();
        UUID id = UUID.randomUUID();
        storedHexKey(id, userId, secret, cipherWith(OLD_ENCRYPTION_KEY));
        assertThat(tokens.activeHexKey(id)).get().extracting(TokenService.HexKey::secret).isEqualTo(secret);
        assertThat(tokens.activeHexKeyByValue(secret)).get().extracting(TokenService.HexKey::tokenId).isEqualTo(id);
    }

    @Test
    void aPassReencryptsEverySecretOfThePreviousKeySoThatKeyCanBeRemoved() {
        BrowserSession browser = BrowserSession.signedUp("Re-encrypted");
        UUID userId = QuarkusTransaction.requiringNew().call(() -> User.findByEmail(browser.email).orElseThrow().id);
        SecretCipher before = cipherWith(OLD_ENCRYPTION_KEY);
        String secret = tokens.newHexKey();
        UUID hexId = UUID.randomUUID();
        storedHexKey(hexId, userId, secret, before);
        Integration integration = new Integration();
        integration.userId = userId;
        integration.apiKeyCiphertext = before.encrypt("ff-api-key-before-rotation", integration.cipherContext());
        integration.keyStatus = Integration.KeyStatus.VALID;
        QuarkusTransaction.requiringNew().run(integration::persist);
        // Sealed by a key this service was never given: reported, left as it is, and no obstacle.
        String stray = tokens.newHexKey();
        UUID strayId = UUID.randomUUID();
        byte[] unknownKey = new byte[32];
        new SecureRandom().nextBytes(unknownKey);
        storedHexKey(strayId, userId, stray, cipherWith(Base64.getEncoder().encodeToString(unknownKey)));
        String strayBefore = QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById(strayId).secretCiphertext);

        SecretReencryption.Pass pass = reencryption.reencryptAll();

        assertThat(pass.reencrypted()).isGreaterThanOrEqualTo(2);
        assertThat(pass.unreadable()).isGreaterThanOrEqualTo(1);
        String hexAfter = QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById(hexId).secretCiphertext);
        String apiKeyAfter = QuarkusTransaction.requiringNew().call(() -> Integration.<Integration>findById(integration.id).apiKeyCiphertext);
        assertThat(cipher.isStale(hexAfter)).isFalse();
        assertThat(cipher.isStale(apiKeyAfter)).isFalse();
        assertThat(cipher.decrypt(apiKeyAfter, integration.cipherContext())).isEqualTo("ff-api-key-before-rotation");
        assertThat(tokens.activeHexKey(hexId)).get().extracting(TokenService.HexKey::secret).isEqualTo(secret);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById(strayId).secretCiphertext)).isEqualTo(strayBefore);
        // Nothing of the previous key is left: the next pass has nothing to do.
        assertThat(reencryption.reencryptAll().reencrypted()).isZero();
    }

    private static SecretCipher cipherWith(String key) {
        return new SecretCipher(new CryptoConfig() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public Optional<List<String>> previousKeys() {
                return Optional.empty();
            }
        });
    }

    private static void storedHexKey(UUID id, UUID userId, String secret, SecretCipher sealedBy) {
        storedBeforeRotation(id, userId, ApiToken.Type.HEX, t -> {
            t.hint = secret.substring(28);
            t.secretDigest = com.exponential.access.common.Digests.sha256Hex(secret);
            t.secretCiphertext = sealedBy.encrypt(secret, TokenService.cipherContext(id));
        });
    }

    /** A token row as an earlier key set left it, valid for another hour. */
    private static void storedBeforeRotation(UUID id, UUID userId, ApiToken.Type type, java.util.function.Consumer<ApiToken> details) {
        QuarkusTransaction.requiringNew().run(() -> {
            ApiToken t = new ApiToken();
            t.id = id;
            t.userId = userId;
            t.name = "made before the rotation";
            t.type = type;
            t.expiresAt = Instant.now().plusSeconds(3600);
            details.accept(t);
            t.persist();
        });
    }
}
