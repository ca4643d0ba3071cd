package com.exponential.access.token;

import com.exponential.access.common.DatabaseUnavailable;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers when and from where each token was last used, and writes it in small batches: a token
 * is written at most once per resolution (a minute by default), so no request pays for a write.
 */
@ApplicationScoped
public class LastUsedRecorder {

    private record Use(Instant at, String from) {
    }

    private final Map<UUID, Instant> lastWritten = new ConcurrentHashMap<>();
    private final Map<UUID, Use> pending = new ConcurrentHashMap<>();
    private final TokenConfig config;

    LastUsedRecorder(TokenConfig config) {
        this.config = config;
    }

    public void record(UUID tokenId, String from) {
        Instant now = Instant.now();
        Instant written = lastWritten.get(tokenId);
        if (written == null || written.plus(config.lastUsedResolution()).isBefore(now)) {
            pending.put(tokenId, new Use(now, from == null ? null : from.length() > 64 ? from.substring(0, 64) : from));
        }
    }

    @Scheduled(every = "${exponential.jwt.last-used-flush:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        if (lastWritten.size() > 100_000) {
            lastWritten.clear();
        }
        Map<UUID, Use> batch = new java.util.HashMap<>();
        for (UUID tokenId : pending.keySet()) {
            Use use = pending.remove(tokenId);
            if (use != null) {
                batch.put(tokenId, use);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> batch.forEach((tokenId, use) ->
                    ApiToken.update("lastUsedAt = ?1, lastUsedFrom = ?2 where id = ?3 and (lastUsedAt is null or lastUsedAt < ?1)",
                            use.at(), use.from(), tokenId)));
            batch.forEach((tokenId, use) -> lastWritten.put(tokenId, use.at()));
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCause(e)) {
                // A passing outage: keep the uses for the next flush (a newer use of the same token wins).
                batch.forEach((tokenId, use) -> pending.merge(tokenId, use, (queued, kept) -> queued.at().isAfter(kept.at()) ? queued : kept));
                DatabaseUnavailable.warn("last-used times kept for the next flush", e);
            } else {
                // Anything else would fail again: drop this batch rather than retry it forever.
                Log.warnf(e, "Last-used times of %d tokens not written", batch.size());
            }
        }
    }
}
