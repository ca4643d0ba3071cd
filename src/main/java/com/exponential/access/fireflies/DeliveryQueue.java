package com.exponential.access.fireflies;

import com.exponential.access.webhook.WebhookDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The webhook deliveries seen as a work queue shared by every replica: claims are leases taken with
 * FOR UPDATE SKIP LOCKED, and every later change names the claim, so a worker whose lease ran out
 * (and whose delivery another replica took over) changes nothing.
 */
@ApplicationScoped
public class DeliveryQueue {

    /** A delivery this worker holds until the lease runs out. */
    public record Claim(UUID deliveryId, UUID claimId) {
    }

    private final EntityManager em;
    private final FirefliesConfig config;

    DeliveryQueue(EntityManager em, FirefliesConfig config) {
        this.em = em;
        this.config = config;
    }

    /** Takes up to max due deliveries that nobody holds (or whose holder's lease has run out). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<Claim> claim(int max) {
        UUID claimId = UUID.randomUUID();
        Instant now = Instant.now();
        List<UUID> ids = em.createNativeQuery("""
                with due as (
                    select id from webhook_delivery
                    where status = 'PENDING' and next_attempt_at <= ?1 and (claimed_until is null or claimed_until < ?1)
                    order by next_attempt_at
                    limit ?2
                    for update skip locked)
                update webhook_delivery d set claim_id = ?3, claimed_until = ?4, attempts = d.attempts + 1
                from due where d.id = due.id
                returning d.id
                """)
                .setParameter(1, now)
                .setParameter(2, max)
                .setParameter(3, claimId)
                .setParameter(4, now.plus(config.worker().lease()))
                .getResultList();
        return ids.stream().map(id -> new Claim(id, claimId)).toList();
    }

    /** The delivery, if this claim still holds it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public WebhookDelivery held(Claim claim) {
        WebhookDelivery d = WebhookDelivery.findById(claim.deliveryId());
        return d != null && claim.claimId().equals(d.claimId) && d.status == WebhookDelivery.Status.PENDING ? d : null;
    }

    /** Back to the queue after a delay that doubles with each attempt; failed for good once the retry window is over. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean retryLater(Claim claim, String reason, Duration asked) {
        WebhookDelivery d = WebhookDelivery.findById(claim.deliveryId());
        if (d == null || !claim.claimId().equals(d.claimId)) {
            return false;
        }
        Instant now = Instant.now();
        FirefliesConfig.Worker worker = config.worker();
        if (!now.isBefore(d.retrySince.plus(worker.giveUpAfter()))) {
            return end(claim, WebhookDelivery.Status.FAILED, "Gave up after " + human(worker.giveUpAfter()) + " of retries: " + reason);
        }
        Duration delay = worker.initialDelay().multipliedBy(1L << Math.min(Math.max(d.attempts - 1, 0), 20));
        if (asked != null && asked.compareTo(delay) > 0) {
            delay = asked;
        }
        if (delay.compareTo(worker.maxDelay()) > 0) {
            delay = worker.maxDelay();
        }
        return WebhookDelivery.update("nextAttemptAt = ?1, lastError = ?2, claimId = null, claimedUntil = null where id = ?3 and claimId = ?4",
                now.plus(delay), shorten(reason), claim.deliveryId(), claim.claimId()) == 1;
    }

    /** Ends this claim with a final (or waiting) status and the reason in words. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean finish(Claim claim, WebhookDelivery.Status status, String reason) {
        return end(claim, status, reason);
    }

    private static boolean end(Claim claim, WebhookDelivery.Status status, String reason) {
        Instant processed = status == WebhookDelivery.Status.SETUP_REQUIRED ? null : Instant.now();
        return WebhookDelivery.update("status = ?1, lastError = ?2, processedAt = ?3, claimId = null, claimedUntil = null where id = ?4 and claimId = ?5",
                status, shorten(reason), processed, claim.deliveryId(), claim.claimId()) == 1;
    }

    /**
     * The user has no usable set-up: every other delivery of theirs that nobody holds waits as well,
     * in one statement, instead of being claimed and parked one by one while webhooks keep arriving.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int parkAll(UUID userId, String reason) {
        return WebhookDelivery.update("status = ?1, lastError = ?2, processedAt = null where userId = ?3 and status = ?4 and (claimedUntil is null or claimedUntil < ?5)",
                WebhookDelivery.Status.SETUP_REQUIRED, shorten(reason), userId, WebhookDelivery.Status.PENDING, Instant.now());
    }

    /** The user finished the set-up: their waiting deliveries are due now, with a fresh retry window. */
    @Transactional
    public int release(UUID userId) {
        Instant now = Instant.now();
        return WebhookDelivery.update("status = ?1, nextAttemptAt = ?2, retrySince = ?2, lastError = null where userId = ?3 and status = ?4",
                WebhookDelivery.Status.PENDING, now, userId, WebhookDelivery.Status.SETUP_REQUIRED);
    }

    static String shorten(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 499) + "…";
    }

    static String human(Duration d) {
        if (d.toHours() >= 1 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() >= 1 && d.toSecondsPart() == 0) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
