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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts API requests per caller in PostgreSQL, so the limit is global across replicas: one upsert
 * per request on an unlogged table, with the database's clock deciding when a window ends.
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

    // A window that has run out starts again at now() with this request as its first.
    private static final String COUNT = """
            insert into rate_limit as r (caller_id, window_start, used) values (?, now(), 1)
            on conflict (caller_id) do update set
                window_start = case when r.window_start > now() - ? * interval '1 millisecond' then r.window_start else now() end,
                used = case when r.window_start > now() - ? * interval '1 millisecond' then r.used + 1 else 1 end
            returning used, window_start""";
    private static final String FORGET = "delete from rate_limit where window_start <= now() - ? * interval '1 millisecond'";

    private final RateLimitConfig config;
    private final AgroalDataSource database;
    private final AtomicLong lastWarning = new AtomicLong();

    RateLimiter(RateLimitConfig config, AgroalDataSource database) {
        this.config = config;
        this.database = database;
    }

    /** Counts one request of the caller; null when counting is off or failed (the request then goes through). */
    public Decision count(UUID callerId) {
        if (!config.enabled()) {
            return null;
        }
        long windowMillis = config.window().toMillis();
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(COUNT)) {
            statement.setObject(1, callerId);
            statement.setLong(2, windowMillis);
            statement.setLong(3, windowMillis);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                int used = row.getInt(1);
                Instant reset = row.getTimestamp(2).toInstant().plusMillis(windowMillis);
                int limit = config.requests();
                return new Decision(limit, Math.max(0, limit - used), reset, used <= limit);
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
