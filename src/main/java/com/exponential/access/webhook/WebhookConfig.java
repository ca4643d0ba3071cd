package com.exponential.access.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How webhook deliveries are written to the database ({@link WebhookIntake}). */
@ConfigMapping(prefix = "exponential.webhooks")
public interface WebhookConfig {

    Intake intake();

    /** Group commit: writer threads, batch size, and how far the writers may fall behind. */
    interface Intake {

        /** Writer threads; two let one collect the next batch while the other waits for its commit. */
        @WithDefault("2")
        int writers();

        /** Most deliveries stored by one statement. */
        @WithDefault("256")
        int maxBatch();

        /**
         * Deliveries waiting for a writer. Beyond this the database is not keeping up, and a sender is
         * answered 503 with Retry-After at once instead of being held without limit.
         */
        @WithDefault("10000")
        int queueCapacity();
    }
}
