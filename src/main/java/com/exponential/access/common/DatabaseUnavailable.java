package com.exponential.access.common;

import io.quarkus.logging.Log;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recognises "the database cannot be reached right now" in any wrapping (Hibernate, JTA, CDI), so
 * that requests answer 503 with Retry-After instead of 500, and background jobs log one short line
 * instead of a stack trace every few seconds during an outage.
 */
public final class DatabaseUnavailable {

    /** Seconds a client is asked to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;
    private static final long QUIET_MILLIS = 10_000;
    private static final AtomicLong lastWarning = new AtomicLong();
    private static final AtomicLong suppressed = new AtomicLong();

    private DatabaseUnavailable() {
    }

    /** Whether e, or anything that caused it, says the database connection could not be had or was lost. */
    public static boolean isCause(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && connectionTrouble(sql)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean connectionTrouble(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            // 08: connection exceptions; 57P01-57P03: the server is shutting down or not accepting connections yet.
            return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
        }
        // Agroal says so in words when no connection could be had within the acquisition timeout.
        String message = e.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout");
    }

    /**
     * One short warning line (no stack trace) at most every ten seconds, with the number of similar
     * events left out in between: an outage under load must not flood the log.
     */
    public static void warn(String what, Throwable e) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= QUIET_MILLIS && lastWarning.compareAndSet(last, now)) {
            long more = suppressed.getAndSet(0);
            Log.warnf("Database unavailable: %s (%s)%s", what, rootMessage(e),
                    more > 0 ? "; " + more + " similar events in the last seconds not logged" : "");
        } else {
            suppressed.incrementAndGet();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 20) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message != null && message.length() > 160) {
            message = message.substring(0, 160) + "…";
        }
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('\n', ' '));
    }
}
