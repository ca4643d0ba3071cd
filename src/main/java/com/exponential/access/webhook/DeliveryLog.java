package com.exponential.access.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Counts webhook calls per Hex Key and outcome. Failures are only counted (never stored with their
 * bodies), in one row per key and reason, so a flood of bad calls cannot grow the database. Accepted
 * calls are not counted there: each is a stored delivery, so they are counted from webhook_delivery.
 * (A counter row updated by every accepted call makes concurrent deliveries of one key wait for each
 * other's commit on its row lock, which capped ingestion at a few hundred per second.)
 */
@ApplicationScoped
public class DeliveryLog {

    /** Calls that named no known Hex Key are counted under this id. */
    public static final UUID NO_TOKEN = new UUID(0, 0);

    /** One line of the log: how often an outcome happened for a key, and when last. */
    public record Count(DeliveryOutcome outcome, long count, Instant lastAt) {
    }

    private final EntityManager em;

    DeliveryLog(EntityManager em) {
        this.em = em;
    }

    /** Counts an outcome inside the caller's transaction (duplicate deliveries). */
    @Transactional
    public void count(UUID tokenId, DeliveryOutcome outcome) {
        if (outcome == DeliveryOutcome.ACCEPTED) {
            throw new IllegalArgumentException("Accepted deliveries are counted from webhook_delivery");
        }
        em.createNativeQuery("""
                insert into webhook_attempt_count (token_id, outcome, count, last_at) values (?1, ?2, 1, ?3)
                on conflict (token_id, outcome) do update set count = webhook_attempt_count.count + 1, last_at = excluded.last_at
                """)
                .setParameter(1, tokenId == null ? NO_TOKEN : tokenId)
                .setParameter(2, outcome.name())
                .setParameter(3, Instant.now())
                .executeUpdate();
    }

    /** Counts a refused call in a transaction of its own: the refusal itself stores nothing. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void countRefusal(UUID tokenId, DeliveryOutcome outcome) {
        count(tokenId, outcome);
    }

    /** Counts an oversize body under its Hex Key when the path names one that exists, else under NO_TOKEN. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void countTooLarge(UUID tokenId) {
        boolean known = tokenId != null && com.exponential.access.token.ApiToken.findByIdOptional(tokenId).isPresent();
        count(known ? tokenId : null, DeliveryOutcome.TOO_LARGE);
    }

    /** The counters of one Hex Key, in the order of the reason codes. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Count> counts(UUID tokenId) {
        // ACCEPTED counter rows written before accepted calls were counted from the deliveries are ignored.
        List<Object[]> rows = em.createNativeQuery("""
                select outcome, count, last_at from webhook_attempt_count where token_id = ?1 and outcome <> 'ACCEPTED'
                union all
                select 'ACCEPTED', count(*), max(created_at) from webhook_delivery where token_id = ?1 having count(*) > 0
                """)
                .setParameter(1, tokenId)
                .getResultList();
        List<Count> counts = new ArrayList<>();
        for (Object[] row : rows) {
            counts.add(new Count(DeliveryOutcome.valueOf((String) row[0]), ((Number) row[1]).longValue(), toInstant(row[2])));
        }
        counts.sort((a, b) -> a.outcome().compareTo(b.outcome()));
        return counts;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
