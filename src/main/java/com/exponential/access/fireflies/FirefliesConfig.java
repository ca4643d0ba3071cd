package com.exponential.access.fireflies;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the Fireflies GraphQL API is. */
@ConfigMapping(prefix = "exponential.fireflies")
public interface FirefliesConfig {

    /** GraphQL endpoint (EXPONENTIAL_FIREFLIES_API_URL); tests point it at a local fake server. */
    @WithDefault("https://api.fireflies.ai/graphql")
    String apiUrl();
}
