package com.exponential.access.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.exponential.access.devmode.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * Several replicas start at once on an empty database (a fresh deployment, or a rollout that adds
 * a migration): Flyway's PostgreSQL advisory lock lets exactly one apply each migration while the
 * others wait, and all of them then start on the complete schema.
 */
class ConcurrentMigrationTest {

    private static final int REPLICAS = 4;

    /** Flyway as the application configures it, loading its PostgreSQL plugin from this class path. */
    private static Flyway flyway(String url) {
        return Flyway.configure(ConcurrentMigrationTest.class.getClassLoader())
                .dataSource(url, "postgres", "postgres").locations("classpath:db/migration").load();
    }

    @Test
    void replicasStartingTogetherApplyEachMigrationOnce() throws Exception {
        String database = "migration_race_" + UUID.randomUUID().toString().replace("-", "");
        String serverUrl = new EmbeddedDatabase().apply(null);
        try (Connection c = DriverManager.getConnection(serverUrl, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        String url = serverUrl.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");

        ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MigrateResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < REPLICAS; i++) {
                results.add(replicas.submit(() -> {
                    start.await();
                    return flyway(url).migrate();
                }));
            }
            start.countDown();
            int applied = 0;
            for (Future<MigrateResult> result : results) {
                MigrateResult r = result.get(60, TimeUnit.SECONDS);
                assertThat(r.success).isTrue();
                applied += r.migrationsExecuted;
            }
            int migrations = flyway(url)
                    .info().applied().length;
            assertThat(migrations).isPositive();
            assertThat(applied).as("each migration ran once across all replicas").isEqualTo(migrations);
        } finally {
            replicas.shutdownNow();
        }

        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*), count(DISTINCT version), bool_and(success) FROM flyway_schema_history WHERE version IS NOT NULL")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(rows.getInt(2));
            assertThat(rows.getBoolean(3)).isTrue();
        }
    }
}
