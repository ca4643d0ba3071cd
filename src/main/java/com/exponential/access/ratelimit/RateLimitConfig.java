package com.exponential.access.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How many API requests a caller (a token, or a user's dashboard session) may make in a window. */
@ConfigMapping(prefix = "exponential.rate-limit")
public interface RateLimitConfig {

    /** Requests allowed per window (EXPONENTIAL_RATE_LIMIT_REQUESTS). */
    @WithDefault("5000")
    int requests();

    /** Length of a window, which starts at a caller's first request (EXPONENTIAL_RATE_LIMIT_WINDOW). */
    @WithDefault("1h")
    Duration window();

    /** Off only for measurements (EXPONENTIAL_RATE_LIMIT_ENABLED). */
    @WithDefault("true")
    boolean enabled();
}
