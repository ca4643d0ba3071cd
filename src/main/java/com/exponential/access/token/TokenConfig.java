package com.exponential.access.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How JWTs are signed and checked. */
@ConfigMapping(prefix = "exponential.jwt")
public interface TokenConfig {

    /** The iss claim of issued tokens (EXPONENTIAL_JWT_ISSUER). */
    @WithDefault("exponential")
    String issuer();

    /** PEM (PKCS#8) RSA private key that signs new tokens (EXPONENTIAL_JWT_SIGNING_KEY_FILE). */
    String signingKeyFile();

    /** PEM public keys still accepted after a rotation (EXPONENTIAL_JWT_PREVIOUS_KEYS_FILE). */
    Optional<String> previousKeysFile();

    /** Clock skew tolerated when checking exp and iat. */
    @WithDefault("30s")
    Duration clockSkew();

    /** Last-used time is written at most this often per token, so no request pays for a database write. */
    @WithDefault("60s")
    Duration lastUsedResolution();

    /** How often remembered last-used times are written (read by LastUsedRecorder's schedule). */
    @WithDefault("5s")
    Duration lastUsedFlush();
}
