package com.exponential.access.token;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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
    @Transactional
    void flush() {
        if (lastWritten.size() > 100_000) {
            lastWritten.clear();
        }
        for (UUID tokenId : pending.keySet()) {
            Use use = pending.remove(tokenId);
            if (use != null) {
                ApiToken.update("lastUsedAt = ?1, lastUsedFrom = ?2 where id = ?3 and (lastUsedAt is null or lastUsedAt < ?1)",
                        use.at(), use.from(), tokenId);
                lastWritten.put(tokenId, use.at());
            }
        }
    }
}
