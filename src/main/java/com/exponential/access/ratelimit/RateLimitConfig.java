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

    /**
     * How often each replica adds the requests it counted to the shared PostgreSQL counters and
     * learns the others' (EXPONENTIAL_RATE_LIMIT_SYNC_INTERVAL). Within one interval a caller can
     * exceed the limit by what it sends to the other replicas; a single replica counts exactly.
     */
    @WithDefault("1s")
    Duration syncInterval();

    /** Off only for measurements (EXPONENTIAL_RATE_LIMIT_ENABLED). */
    @WithDefault("true")
    boolean enabled();
}
