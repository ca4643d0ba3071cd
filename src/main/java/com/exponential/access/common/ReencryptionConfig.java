package com.exponential.access.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When {@link SecretReencryption} looks for secrets still sealed by a previous encryption key. */
@ConfigMapping(prefix = "exponential.reencryption")
public interface ReencryptionConfig {

    /** Between two passes (EXPONENTIAL_REENCRYPTION_EVERY). */
    @WithDefault("1h")
    Duration every();

    /** Before the first pass after start-up (EXPONENTIAL_REENCRYPTION_DELAY). */
    @WithDefault("2m")
    Duration delay();
}
