package com.exponential.access.webhook;

import com.exponential.access.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An authenticated webhook call, stored before it is answered; also the durable processing queue. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends BaseEntity {

    /** Why a delivery waits when its user has no Fireflies set-up at all (shown on the Workflows page). */
    public static final String NOT_SET_UP = "Fireflies is not set up yet: enter your Fireflies API key and choose a workspace on the Workflows page.";

    /** Where processing stands. */
    public enum Status {
        /** Waiting for a worker (now or after a back-off). */
        PENDING,
        /** Waiting for the user to finish the Fireflies set-up; released when they do. */
        SETUP_REQUIRED,
        DONE,
        /** Nothing to fetch (e.g. a bot joined a meeting). */
        IGNORED,
        /** Given up, with the reason in lastError. */
        FAILED
    }

    @Column(name = "token_id", nullable = false)
    public UUID tokenId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(nullable = false, length = 40)
    public String event;

    @Column(name = "fireflies_meeting_id", nullable = false, length = 100)
    public String firefliesMeetingId;

    @Column(name = "client_reference_id", length = 100)
    public String clientReferenceId;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "retry_since", nullable = false)
    public Instant retrySince;

    @Column(name = "claim_id")
    public UUID claimId;

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "last_error", length = 500)
    public String lastError;

    @Column(name = "meeting_id")
    public UUID meetingId;

    @Column(name = "processed_at")
    public Instant processedAt;

    /** The latest deliveries signed by these Hex Keys, newest first. */
    public static List<WebhookDelivery> latestForTokens(List<UUID> tokenIds, int limit) {
        if (tokenIds.isEmpty()) {
            return List.of();
        }
        return find("tokenId in ?1 order by createdAt desc, id desc", tokenIds).page(0, limit).list();
    }

    public static List<WebhookDelivery> latestForUser(UUID userId, int limit) {
        return find("userId = ?1 order by createdAt desc, id desc", userId).page(0, limit).list();
    }
}
