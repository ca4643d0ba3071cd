package com.exponential.access.support;

import com.exponential.access.devmode.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * What an operator gives the packaged application (which runs in the production profile, where
 * nothing is generated): a PostgreSQL and freshly made secrets, passed by their environment
 * variable names. The database is the embedded one of the tests, started in the test JVM.
 */
public class PackagedApplication implements QuarkusTestResourceLifecycleManager {

    private Path secrets;

    @Override
    public Map<String, String> start() {
        try {
            secrets = Files.createTempDirectory("exponential-it-secrets");
            Path signingKey = secrets.resolve("signing-key.pem");
            Files.writeString(signingKey, newRsaPrivateKeyPem(), StandardCharsets.US_ASCII);
            Path previousKeys = Files.createFile(secrets.resolve("previous-keys.pem"));
            String jdbcUrl = new EmbeddedDatabase().apply(null);
            return Map.of(
                    "quarkus.datasource.jdbc.url", jdbcUrl,
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres",
                    "EXPONENTIAL_JWT_SIGNING_KEY_FILE", signingKey.toString(),
                    "EXPONENTIAL_JWT_PREVIOUS_KEYS_FILE", previousKeys.toString(),
                    "EXPONENTIAL_ENCRYPTION_KEY", randomKey(),
                    "EXPONENTIAL_SESSION_KEY", randomKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (secrets == null) {
            return;
        }
        try (var files = Files.walk(secrets)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String newRsaPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
