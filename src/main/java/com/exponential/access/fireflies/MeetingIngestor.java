package com.exponential.access.fireflies;

import com.exponential.access.action.Action;
import com.exponential.access.webhook.WebhookDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Stores a transcript as a Meeting and its action items as Actions, and marks the delivery done, all
 * in one transaction. Each item's source key ("fireflies:<transcript>:<n>") is unique per workspace,
 * so a repeated webhook or a second event for the same meeting creates no second action.
 */
@ApplicationScoped
public class MeetingIngestor {

    /** The claim ran out and another worker owns the delivery now: roll everything back. */
    public static class LostClaimException extends RuntimeException {
        public LostClaimException() {
            super("claim lost", null, false, false);
        }
    }

    private final EntityManager em;
    private final ObjectMapper json;

    MeetingIngestor(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** Returns the meeting's id. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public UUID ingest(DeliveryQueue.Claim claim, String transcriptId, UUID workspaceId, UUID userId, JsonNode transcript) {
        Instant now = Instant.now();
        JsonNode summary = transcript.path("summary");
        String title = text(transcript.path("title"));
        String actionItems = summary.path("action_items").isTextual() ? summary.path("action_items").asText() : null;
        UUID meetingId = (UUID) ((org.hibernate.query.NativeQuery<?>) em.createNativeQuery("""
                insert into meeting (id, workspace_id, imported_by, fireflies_id, title, meeting_date, duration_minutes, participants,
                    keywords, sentences, overview, action_items, created_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
                on conflict (workspace_id, fireflies_id) do update set title = excluded.title, meeting_date = excluded.meeting_date,
                    duration_minutes = excluded.duration_minutes, participants = excluded.participants, keywords = excluded.keywords,
                    sentences = excluded.sentences, overview = excluded.overview, action_items = excluded.action_items,
                    updated_at = excluded.updated_at
                returning id
                """))
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, workspaceId)
                .setParameter(3, userId)
                .setParameter(4, transcriptId)
                .setParameter(5, limit(title == null || title.isBlank() ? "Untitled meeting" : title, 500))
                .setParameter(6, date(transcript.path("date")), Instant.class)
                .setParameter(7, transcript.path("duration").isNumber() ? transcript.path("duration").asDouble() : null, Double.class)
                .setParameter(8, array(transcript.path("participants")))
                .setParameter(9, array(summary.path("keywords")))
                .setParameter(10, array(transcript.path("sentences")))
                .setParameter(11, text(summary.path("overview")), String.class)
                .setParameter(12, actionItems, String.class)
                .setParameter(13, now)
                .getSingleResult();

        List<ActionItems.Item> items = ActionItems.parse(actionItems);
        for (ActionItems.Item item : items) {
            em.createNativeQuery("""
                    insert into action (id, workspace_id, title, description, status, source, created_by, meeting_id, source_key, created_at, updated_at)
                    values (?1, ?2, ?3, ?4, 'OPEN', 'FIREFLIES', ?5, ?6, ?7, ?8, ?8)
                    on conflict (workspace_id, source_key) where source_key is not null do nothing
                    """)
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, workspaceId)
                    .setParameter(3, limit(item.text(), 500))
                    .setParameter(4, describe(item, title))
                    .setParameter(5, userId)
                    .setParameter(6, meetingId)
                    .setParameter(7, "fireflies:" + transcriptId + ":" + item.number())
                    .setParameter(8, now)
                    .executeUpdate();
        }
        int done = WebhookDelivery.update("status = ?1, meetingId = ?2, processedAt = ?3, lastError = null, claimId = null, claimedUntil = null "
                + "where id = ?4 and claimId = ?5", WebhookDelivery.Status.DONE, meetingId, now, claim.deliveryId(), claim.claimId());
        if (done != 1) {
            throw new LostClaimException();
        }
        return meetingId;
    }

    /** Actions imported from one meeting, in the order of its action items. */
    public static List<Action> actionsOf(UUID meetingId) {
        return actionsOf(List.of(meetingId)).getOrDefault(meetingId, List.of());
    }

    /** Actions of several meetings in one query, by meeting, each in the order of its action items. */
    public static java.util.Map<UUID, List<Action>> actionsOf(java.util.Collection<UUID> meetingIds) {
        if (meetingIds.isEmpty()) {
            return java.util.Map.of();
        }
        List<Action> all = Action.list("meetingId in ?1", meetingIds);
        java.util.Map<UUID, List<Action>> byMeeting = new java.util.HashMap<>();
        all.stream()
                .sorted(java.util.Comparator.comparingInt(MeetingIngestor::itemNumber).thenComparing(a -> a.createdAt))
                .forEach(a -> byMeeting.computeIfAbsent(a.meetingId, k -> new java.util.ArrayList<>()).add(a));
        return byMeeting;
    }

    private static int itemNumber(Action action) {
        String key = action.sourceKey == null ? "" : action.sourceKey;
        try {
            return Integer.parseInt(key.substring(key.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String describe(ActionItems.Item item, String meetingTitle) {
        StringBuilder text = new StringBuilder("From the meeting \"").append(meetingTitle == null ? "Untitled meeting" : meetingTitle).append('"');
        if (item.at() != null) {
            text.append(" at ").append(item.at());
        }
        if (item.assignee() != null) {
            text.append(", assigned to ").append(item.assignee());
        }
        return text.append('.').toString();
    }

    private Instant date(JsonNode date) {
        if (date.isNumber()) {
            return Instant.ofEpochMilli(date.asLong());
        }
        if (date.isTextual()) {
            try {
                return Instant.parse(date.asText());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private String array(JsonNode node) {
        try {
            return json.writeValueAsString(node.isArray() ? node : json.createArrayNode());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "[]";
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String limit(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
