package com.exponential.access.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The per-replica access cache (EXPONENTIAL_ACCESS_CACHE_ENABLED). */
@ConfigMapping(prefix = "exponential.access-cache")
public interface AccessCacheConfig {

    /** Off only to measure what the cache saves: every request then reads the database. */
    @WithDefault("true")
    boolean enabled();
}
