package com.exponential.access.webhook;

import com.exponential.access.token.TokenService;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Stores an authenticated Fireflies delivery exactly once; the answer is sent only after this commits.
 * One statement on an auto-commit connection: the insert is the whole transaction, so a webhook costs
 * the database one round trip, not a begin, an insert and a commit.
 */
@ApplicationScoped
public class WebhookIntake {

    /** The stored delivery's id, and whether this call created it (false: a repeat of an earlier one). */
    public record Stored(UUID deliveryId, boolean created) {
    }

    // The unique (user, event, meeting) constraint makes concurrent repeats safe: the second insert
    // waits for the first to commit, then does nothing, and we answer with the first one's id.
    private static final String INSERT = """
            insert into webhook_delivery (id, token_id, user_id, event, fireflies_meeting_id, client_reference_id, payload,
                status, attempts, next_attempt_at, retry_since, processed_at, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
            on conflict (user_id, event, fireflies_meeting_id) do nothing""";
    private static final String EARLIER = "select id from webhook_delivery where user_id = ? and event = ? and fireflies_meeting_id = ?";

    private final AgroalDataSource database;
    private final DeliveryLog log;
    private final Event<DeliveryAccepted> accepted;

    WebhookIntake(AgroalDataSource database, DeliveryLog log, Event<DeliveryAccepted> accepted) {
        this.database = database;
        this.log = log;
        this.accepted = accepted;
    }

    public Stored store(TokenService.HexKey key, FirefliesPayload payload, byte[] body) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        WebhookDelivery.Status status = payload.needsTranscript() ? WebhookDelivery.Status.PENDING : WebhookDelivery.Status.IGNORED;
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(true);
            int inserted;
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setObject(1, id);
                insert.setObject(2, key.tokenId());
                insert.setObject(3, key.userId());
                insert.setString(4, payload.event());
                insert.setString(5, payload.meetingId());
                insert.setString(6, payload.clientReferenceId() == null || payload.clientReferenceId().isEmpty() ? null : payload.clientReferenceId());
                insert.setString(7, new String(body, StandardCharsets.UTF_8));
                insert.setString(8, status.name());
                insert.setTimestamp(9, now);
                insert.setTimestamp(10, now);
                insert.setTimestamp(11, status == WebhookDelivery.Status.IGNORED ? now : null);
                insert.setTimestamp(12, now);
                inserted = insert.executeUpdate();
            }
            if (inserted == 1) {
                // Committed: the row itself counts in the delivery log (see DeliveryLog).
                if (status == WebhookDelivery.Status.PENDING) {
                    accepted.fire(new DeliveryAccepted(id));
                }
                return new Stored(id, true);
            }
            try (PreparedStatement earlier = connection.prepareStatement(EARLIER)) {
                earlier.setObject(1, key.userId());
                earlier.setString(2, payload.event());
                earlier.setString(3, payload.meetingId());
                try (ResultSet row = earlier.executeQuery()) {
                    row.next();
                    UUID first = row.getObject(1, UUID.class);
                    log.count(key.tokenId(), DeliveryOutcome.DUPLICATE);
                    return new Stored(first, false);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the delivery", e);
        }
    }
}
