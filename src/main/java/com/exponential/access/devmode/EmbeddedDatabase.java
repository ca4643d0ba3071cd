package com.exponential.access.devmode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/** Starts one embedded PostgreSQL per JVM (dev mode reloads and test restarts reuse it). */
public final class EmbeddedDatabase implements Function<Path, String> {

    private static EmbeddedPostgres server;

    @Override
    public String apply(Path dataDirectory) {
        synchronized (EmbeddedDatabase.class) {
            if (server == null) {
                server = start(dataDirectory);
            }
            return server.getJdbcUrl("postgres", "postgres");
        }
    }

    private static EmbeddedPostgres start(Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "200");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }
}
