package com.exponential.access.user;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Dashboard session settings. */
@ConfigMapping(prefix = "exponential.session")
public interface SessionConfig {

    /** Base64 key (EXPONENTIAL_SESSION_KEY) under which session cookies are digested; the same on every replica. */
    String key();

    /** How long a log-in lasts before the person must log in again. */
    @WithDefault("7d")
    Duration lifetime();
}
