package com.exponential.access.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the service is reached from outside, for links shown to users and cookie security. */
@ConfigMapping(prefix = "exponential")
public interface ExponentialConfig {

    /** Base URL shown in webhook URLs (EXPONENTIAL_PUBLIC_URL). */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    default boolean secureCookies() {
        return publicUrl().startsWith("https://");
    }

    /** The URL to paste into Fireflies for webhooks signed with this Hex Key. */
    default String webhookUrl(java.util.UUID hexKeyId) {
        String base = publicUrl().endsWith("/") ? publicUrl().substring(0, publicUrl().length() - 1) : publicUrl();
        return base + "/webhooks/fireflies/" + hexKeyId;
    }
}
