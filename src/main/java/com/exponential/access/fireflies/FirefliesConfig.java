package com.exponential.access.fireflies;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the Fireflies GraphQL API is, and how the delivery worker paces itself. */
@ConfigMapping(prefix = "exponential.fireflies")
public interface FirefliesConfig {

    /** GraphQL endpoint (EXPONENTIAL_FIREFLIES_API_URL); tests point it at a local fake server. */
    @WithDefault("https://api.fireflies.ai/graphql")
    String apiUrl();

    /** How long one call to Fireflies may take. */
    @WithDefault("15s")
    Duration timeout();

    Worker worker();

    /** The delivery worker: polling, leases and retries. */
    interface Worker {

        /** How often each replica looks for due deliveries (the Scheduled expression reads the same key). */
        @WithDefault("5s")
        Duration pollInterval();

        /**
         * Shortest time between two passes while deliveries keep arriving: a pass then claims what
         * arrived meanwhile in one go, instead of one pass per delivery competing with the intake.
         */
        @WithDefault("200ms")
        Duration passInterval();

        /** How many deliveries one claim takes. */
        @WithDefault("10")
        int batchSize();

        /** How long a claim holds a delivery; after a crash another replica takes it over when it runs out. */
        @WithDefault("2m")
        Duration lease();

        /** First retry delay; each further retry doubles it, up to maxDelay. */
        @WithDefault("10s")
        Duration initialDelay();

        @WithDefault("10m")
        Duration maxDelay();

        /** Retries stop after this long, and the delivery is marked failed with the last reason. */
        @WithDefault("24h")
        Duration giveUpAfter();
    }
}
