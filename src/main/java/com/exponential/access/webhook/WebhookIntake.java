package com.exponential.access.webhook;

import com.exponential.access.token.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Stores an authenticated Fireflies delivery exactly once; the answer is sent only after this commits. */
@ApplicationScoped
public class WebhookIntake {

    /** The stored delivery's id, and whether this call created it (false: a repeat of an earlier one). */
    public record Stored(UUID deliveryId, boolean created) {
    }

    private final EntityManager em;
    private final DeliveryLog log;
    private final Event<DeliveryAccepted> accepted;

    WebhookIntake(EntityManager em, DeliveryLog log, Event<DeliveryAccepted> accepted) {
        this.em = em;
        this.log = log;
        this.accepted = accepted;
    }

    @Transactional
    public Stored store(TokenService.HexKey key, FirefliesPayload payload, byte[] body) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        WebhookDelivery.Status status = payload.needsTranscript() ? WebhookDelivery.Status.PENDING : WebhookDelivery.Status.IGNORED;
        // The unique (user, event, meeting) constraint makes concurrent repeats safe: the second insert
        // waits for the first to commit, then does nothing, and we answer with the first one's id.
        int inserted = em.createNativeQuery("""
                insert into webhook_delivery (id, token_id, user_id, event, fireflies_meeting_id, client_reference_id, payload,
                    status, attempts, next_attempt_at, retry_since, processed_at, created_at)
                values (?1, ?2, ?3, ?4, ?5, nullif(?6, ''), ?7, ?8, 0, ?9, ?9, case when ?8 = 'IGNORED' then cast(?9 as timestamp with time zone) end, ?9)
                on conflict (user_id, event, fireflies_meeting_id) do nothing
                """)
                .setParameter(1, id)
                .setParameter(2, key.tokenId())
                .setParameter(3, key.userId())
                .setParameter(4, payload.event())
                .setParameter(5, payload.meetingId())
                .setParameter(6, payload.clientReferenceId() == null ? "" : payload.clientReferenceId())
                .setParameter(7, new String(body, StandardCharsets.UTF_8))
                .setParameter(8, status.name())
                .setParameter(9, now)
                .executeUpdate();
        if (inserted == 1) {
            // The row itself counts in the delivery log (see DeliveryLog): no counter row to lock.
            if (status == WebhookDelivery.Status.PENDING) {
                accepted.fire(new DeliveryAccepted(id));
            }
            return new Stored(id, true);
        }
        UUID first = (UUID) em.createNativeQuery("select id from webhook_delivery where user_id = ?1 and event = ?2 and fireflies_meeting_id = ?3")
                .setParameter(1, key.userId())
                .setParameter(2, payload.event())
                .setParameter(3, payload.meetingId())
                .getSingleResult();
        log.count(key.tokenId(), DeliveryOutcome.DUPLICATE);
        return new Stored(first, false);
    }
}
