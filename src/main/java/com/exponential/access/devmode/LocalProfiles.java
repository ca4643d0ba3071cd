package com.exponential.access.devmode;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decides when the dev and test profiles provide something themselves, and where they keep it. */
final class LocalProfiles {

    private LocalProfiles() {
    }

    /** The active local profile ("dev" or "test"), or null in production and any other profile. */
    static String localProfile(ConfigSourceContext context) {
        for (String profile : context.getProfiles()) {
            if (profile.equals("dev") || profile.equals("test")) {
                return profile;
            }
        }
        return null;
    }

    static boolean isSet(ConfigSourceContext context, String property) {
        ConfigValue value = context.getValue(property);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    /** A folder under the build directory (never committed), e.g. target/dev-secrets. */
    static Path buildFolder(String name) {
        Path target = Files.isDirectory(Path.of("target")) || Files.exists(Path.of("pom.xml")) ? Path.of("target") : Path.of(System.getProperty("java.io.tmpdir"), "exponential");
        return target.resolve(name).toAbsolutePath();
    }
}
