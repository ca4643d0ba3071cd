package com.exponential.access.ratelimit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts API requests per caller against a limit shared by all replicas. Each replica counts in
 * memory and adds its counts to PostgreSQL (an unlogged table, the database's clock deciding when a
 * window ends) once per sync interval, learning the other replicas' counts in the same statement;
 * only a caller's first request in a window waits for the database. No request pays for a write.
 */
@ApplicationScoped
public class RateLimiter {

    /** The outcome of counting one request. */
    public record Decision(int limit, int remaining, Instant reset, boolean allowed) {

        /** Seconds until the window resets, at least 1: the Retry-After of a refused request. */
        public long retryAfterSeconds(Instant now) {
            return Math.max(1, (reset.toEpochMilli() - now.toEpochMilli() + 999) / 1000);
        }

        /** When the window resets, in Unix epoch seconds (rounded up), as X-RateLimit-Reset says it. */
        public long resetEpochSecond() {
            return (reset.toEpochMilli() + 999) / 1000;
        }
    }

    // Adds a replica's count; a window that has run out starts again at now() with these requests as its first.
    private static final String COUNT = """
            insert into rate_limit as r (caller_id, window_start, used) values (?, now(), ?)
            on conflict (caller_id) do update set
                window_start = case when r.window_start > now() - ? * interval '1 millisecond' then r.window_start else now() end,
                used = case when r.window_start > now() - ? * interval '1 millisecond' then r.used + excluded.used else excluded.used end
            returning used, window_start""";

    /**
     * A caller's current window as this replica knows it, lock-free: the count is base + local, where
     * local only grows (this replica's requests) and each sync replaces base in one write, so that
     * base + local is the shared total at the sync plus this replica's requests since.
     */
    private static final class Window {
        final AtomicLong local = new AtomicLong();
        volatile long base;
        volatile Instant reset;
        /** How much of local has been added to the shared counter (touched by the sync only). */
        long sent;

        Window(long used, Instant reset) {
            this.base = used;
            this.reset = reset;
        }
    }

    private final Map<UUID, Window> windows = new ConcurrentHashMap<>();
    private static final String FORGET = "delete from rate_limit where window_start <= now() - ? * interval '1 millisecond'";

    private final RateLimitConfig config;
    private final AgroalDataSource database;
    private final AtomicLong lastWarning = new AtomicLong();

    RateLimiter(RateLimitConfig config, AgroalDataSource database) {
        this.config = config;
        this.database = database;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * Counts one request if this replica holds the caller's current window (no database, so it may
     * run on an event loop); empty, with nothing counted, when only {@link #count} can answer.
     */
    public Optional<Decision> countFromMemory(UUID callerId) {
        Window window = windows.get(callerId);
        if (window == null) {
            return Optional.empty();
        }
        Instant reset = window.reset;
        if (!Instant.now().isBefore(reset)) {
            return Optional.empty();
        }
        return Optional.of(decide(window.base + window.local.incrementAndGet(), reset));
    }

    /** Counts one request of the caller; null when counting is off or failed (the request then goes through). */
    public Decision count(UUID callerId) {
        if (!config.enabled()) {
            return null;
        }
        Window window = windows.get(callerId);
        if (window != null) {
            Instant reset = window.reset;
            if (Instant.now().isBefore(reset)) {
                long local = window.local.incrementAndGet();
                return decide(window.base + local, reset);
            }
        }
        // A caller new to this replica, or whose window ran out: ask the database, counting this request.
        Counted counted = add(callerId, 1);
        if (counted == null) {
            return null;
        }
        windows.put(callerId, new Window(counted.used(), counted.reset()));
        return decide(counted.used(), counted.reset());
    }

    /** Adds what this replica counted since the last sync to the shared counters, and learns the total. */
    @Scheduled(every = "${exponential.rate-limit.sync-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sync() {
        Instant now = Instant.now();
        for (Map.Entry<UUID, Window> entry : windows.entrySet()) {
            Window window = entry.getValue();
            long local = window.local.get();
            long delta = local - window.sent;
            if (delta == 0) {
                if (!now.isBefore(window.reset)) {
                    windows.remove(entry.getKey(), window);
                }
                continue;
            }
            Counted counted = add(entry.getKey(), delta);
            if (counted != null) {
                // The shared total now includes everything up to local; later requests stay on top of it.
                window.sent = local;
                window.reset = counted.reset();
                window.base = counted.used() - local;
            }
        }
    }

    private record Counted(long used, Instant reset) {
    }

    private Decision decide(long used, Instant reset) {
        int limit = config.requests();
        return new Decision(limit, (int) Math.max(0, limit - used), reset, used <= limit);
    }

    private Counted add(UUID callerId, long requests) {
        long windowMillis = config.window().toMillis();
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(COUNT)) {
            statement.setObject(1, callerId);
            statement.setLong(2, requests);
            statement.setLong(3, windowMillis);
            statement.setLong(4, windowMillis);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Counted(row.getLong(1), row.getTimestamp(2).toInstant().plusMillis(windowMillis));
            }
        } catch (SQLException e) {
            // A limit is protection, not authorization: fail open, and warn at most once a minute.
            long now = System.currentTimeMillis();
            long last = lastWarning.get();
            if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
                Log.warnf("Rate limit not counted, requests pass unlimited: %s", e.getMessage());
            }
            return null;
        }
    }

    /** Drops counters of callers idle for a whole window (tokens that expired, scripts that stopped). */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleCallers() {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(FORGET)) {
            statement.setLong(1, config.window().toMillis());
            statement.executeUpdate();
        } catch (SQLException e) {
            Log.warnf("Idle rate-limit counters not removed: %s", e.getMessage());
        }
    }
}
