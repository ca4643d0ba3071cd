package com.exponential.access.token;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What every authenticated request needs (is this token live, who is this user) kept in memory and
 * invalidated by PostgreSQL: triggers NOTIFY channel exponential_access at commit of any change, and a
 * dedicated connection per replica LISTENs. While that connection is down the cache is bypassed and
 * every request reads the database, so a missed notification can never keep a revoked token alive.
 */
@ApplicationScoped
public class AccessCache {

    static final String CHANNEL = "exponential_access";
    /** How the listening connection shows in pg_stat_activity. */
    static final String APPLICATION_NAME = "exponential-access-cache";
    private static final int MAX_ENTRIES = 100_000;

    private final Map<String, Object> entries = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> awaited = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so that a value read before one is never cached after it. */
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean stopped;
    private volatile Connection connection;
    private Thread listener;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Inject
    AccessCacheConfig config;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        listener = new Thread(this::listen, "access-cache-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        listening = false;
        closeQuietly();
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** The cached value for key, or the loader's (cached only while invalidations are being received). */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> loader) {
        if (listening) {
            Object cached = entries.get(key);
            if (cached != null) {
                return (T) cached;
            }
        }
        long before = generation.get();
        T value = loader.get();
        if (value != null && listening && generation.get() == before) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, value);
            if (generation.get() != before) {
                // An invalidation raced with the read: it may concern this very value.
                entries.remove(key);
            }
        }
        return value;
    }

    /** The cached value for key without loading it: empty when it is not cached or the cache is bypassed. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> peek(String key) {
        return listening ? Optional.ofNullable((T) entries.get(key)) : Optional.empty();
    }

    public void invalidate(String key) {
        generation.incrementAndGet();
        entries.remove(key);
        entries.remove(key + WEBHOOK_KEY);
    }

    /**
     * Suffix of the entry that keeps a Hex Key's row for webhook checks ("token:<id>" + this): it is
     * dropped with the token's own entry, by the same notification, so it never outlives a revocation.
     */
    public static final String WEBHOOK_KEY = "/webhook";

    /**
     * Waits (boundedly) until this replica's listener has received the notification for key, which
     * PostgreSQL sends to every listening replica at once: a revocation is answered only after it
     * has been broadcast. Returns false when the listener is down (then no replica trusts its cache).
     */
    public boolean awaitBroadcast(String key, CountDownLatch latch, Duration timeout) {
        try {
            return listening && latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            awaited.remove(key, latch);
        }
    }

    /** Registers interest in key's notification; call before the change commits. */
    public CountDownLatch expect(String key) {
        return awaited.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    /** Drops interest registered with {@link #expect} when no change was made after all. */
    public void forget(String key, CountDownLatch latch) {
        awaited.remove(key, latch);
    }

    public boolean isListening() {
        return listening;
    }

    private void listen() {
        long backoff = 500;
        while (!stopped) {
            try {
                Properties properties = new Properties();
                username.ifPresent(u -> properties.setProperty("user", u));
                password.ifPresent(p -> properties.setProperty("password", p));
                properties.setProperty("ApplicationName", APPLICATION_NAME);
                connection = DriverManager.getConnection(url, properties);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Anything may have changed while nobody listened.
                clearAll();
                listening = true;
                backoff = 500;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!stopped) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications == null) {
                        // A timeout with no news: prove the connection is still alive.
                        try (Statement ping = connection.createStatement()) {
                            ping.execute("select 1");
                        }
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        invalidate(n.getParameter());
                        CountDownLatch latch = awaited.get(n.getParameter());
                        if (latch != null) {
                            latch.countDown();
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopped) {
                    Log.warnf("Access cache listener lost its database connection (%s); reading the database on every request until it is back",
                            e.getClass().getSimpleName());
                }
            } finally {
                listening = false;
                clearAll();
                closeQuietly();
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    private void clearAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    private void closeQuietly() {
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Already broken: nothing more to release.
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
