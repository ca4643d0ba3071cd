package com.exponential.access.devmode;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In dev mode and tests, generates the secrets that production must be given (JWT signing key,
 * encryption key, session key) at first start, under target/, never in the repository.
 */
public class DevSecretsConfigSourceFactory implements ConfigSourceFactory {

    static final String SIGNING_KEY_FILE = "exponential.jwt.signing-key-file";
    static final String ENCRYPTION_KEY = "exponential.encryption.key";
    static final String SESSION_KEY = "exponential.session.key";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String profile = LocalProfiles.localProfile(context);
        if (profile == null) {
            return List.of();
        }
        Path folder = LocalProfiles.buildFolder(profile + "-secrets");
        Map<String, String> values = new HashMap<>();
        if (!LocalProfiles.isSet(context, SIGNING_KEY_FILE)) {
            values.put(SIGNING_KEY_FILE, signingKey(folder.resolve("jwt-signing-key.pem")).toString());
        }
        if (!LocalProfiles.isSet(context, ENCRYPTION_KEY)) {
            values.put(ENCRYPTION_KEY, symmetricKey(folder.resolve("encryption.key")));
        }
        if (!LocalProfiles.isSet(context, SESSION_KEY)) {
            values.put(SESSION_KEY, symmetricKey(folder.resolve("session.key")));
        }
        return List.of(new PropertiesConfigSource(values, "generated-dev-secrets", 60));
    }

    private static synchronized Path signingKey(Path file) {
        if (!Files.exists(file)) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----\n";
                write(file, pem);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("RSA is part of every JDK", e);
            }
        }
        return file;
    }

    private static synchronized String symmetricKey(Path file) {
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            write(file, Base64.getEncoder().encodeToString(key));
        }
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temporary, content);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the development secret " + file, e);
        }
    }
}
