package com.exponential.access.webhook;

import com.exponential.access.common.DatabaseUnavailable;
import com.exponential.access.common.ProblemException;
import com.exponential.access.token.TokenService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Stores authenticated Fireflies deliveries exactly once; a delivery is answered only after the
 * statement that stored it has committed.
 *
 * <p>Group commit: deliveries that arrive while the database is busy with the previous write are
 * stored together by the next one, in one auto-commit {@code INSERT … SELECT FROM unnest(…)}, so a burst
 * of N webhooks costs PostgreSQL one statement and one commit instead of N. A lone delivery is written
 * at once (nothing waits to fill a batch). Repeats of an earlier delivery — also within one batch, and
 * across replicas, where the unique (user, event, meeting) constraint makes the later insert wait for
 * the earlier commit — insert nothing and are answered with the first delivery's id.
 */
@ApplicationScoped
public class WebhookIntake {

    /** The stored delivery's id, and whether this call created it (false: a repeat of an earlier one). */
    public record Stored(UUID deliveryId, boolean created) {
    }

    private record Key(UUID userId, String event, String meetingId) {
    }

    private record Pending(UUID id, TokenService.HexKey hexKey, FirefliesPayload payload, String body,
            WebhookDelivery.Status status, CompletableFuture<Stored> answer) {
        Key key() {
            return new Key(hexKey.userId(), payload.event(), payload.meetingId());
        }
    }

    private static final int BUSY_RETRY_AFTER_SECONDS = 2;
    // More than one pass only when a repeat's first delivery vanished between our insert and our read.
    private static final int PASSES = 3;

    // A delivery for a user with no Fireflies set-up at all is stored as waiting for it, with the
    // reason, instead of being queued for the worker to claim and park (two more row updates each).
    private static final String INSERT = """
            with d as materialized (
                select u.*, case
                    when u.status = 'PENDING' and not exists (select 1 from integration i where i.user_id = u.user_id and i.provider = 'FIREFLIES')
                    then 'SETUP_REQUIRED' else u.status end as stored_status
                from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    as u(id, token_id, user_id, event, meeting_id, client_reference_id, payload, status))
            insert into webhook_delivery (id, token_id, user_id, event, fireflies_meeting_id, client_reference_id, payload,
                status, attempts, next_attempt_at, retry_since, last_error, processed_at, created_at)
            select d.id, d.token_id, d.user_id, d.event, d.meeting_id, d.client_reference_id, d.payload,
                d.stored_status, 0, ?::timestamptz, ?::timestamptz,
                case when d.stored_status = 'SETUP_REQUIRED' then ? end,
                case when d.stored_status = 'IGNORED' then ?::timestamptz end, ?::timestamptz
            from d
            on conflict (user_id, event, fireflies_meeting_id) do nothing
            returning id, status""";
    // A set-up committed after the insert looked may have released its user's deliveries before
    // ours committed: looking again after our commit closes that gap (the set-up releases after its
    // own commit). First the cheap question, by the unique (user, provider) index; the update, by
    // primary key, only in the rare case that the answer is yes.
    private static final String SET_UP_MEANWHILE = "select user_id from integration where provider = 'FIREFLIES' and user_id = any(?::uuid[])";
    private static final String RELEASE = """
            update webhook_delivery set status = 'PENDING', last_error = null
            where id = any(?::uuid[]) and status = 'SETUP_REQUIRED'""";
    private static final String EARLIER = """
            select w.id, w.user_id, w.event, w.fireflies_meeting_id
            from webhook_delivery w
            join unnest(?::uuid[], ?::text[], ?::text[]) as k(user_id, event, meeting_id)
              on w.user_id = k.user_id and w.event = k.event and w.fireflies_meeting_id = k.meeting_id""";

    private final AgroalDataSource database;
    private final DeliveryLog log;
    private final Event<DeliveryAccepted> accepted;
    private final WebhookConfig.Intake config;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean open = true;

    WebhookIntake(AgroalDataSource database, DeliveryLog log, Event<DeliveryAccepted> accepted, WebhookConfig config) {
        this.database = database;
        this.log = log;
        this.accepted = accepted;
        this.config = config.intake();
        this.queue = new ArrayBlockingQueue<>(this.config.queueCapacity());
    }

    @PostConstruct
    void startWriters() {
        for (int i = 1; i <= config.writers(); i++) {
            Thread writer = new Thread(this::write, "webhook-intake-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /**
     * Everything accepted before shut-down is still written: the HTTP server has stopped taking
     * requests and waits for the ones in flight, which wait for these writers.
     */
    @PreDestroy
    void stopWriters() throws InterruptedException {
        open = false;
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Completes once the delivery is committed, or exceptionally when it could not be stored; never blocks. */
    public CompletionStage<Stored> store(TokenService.HexKey key, FirefliesPayload payload, byte[] body) {
        WebhookDelivery.Status status = payload.needsTranscript() ? WebhookDelivery.Status.PENDING : WebhookDelivery.Status.IGNORED;
        Pending pending = new Pending(UUID.randomUUID(), key, payload, new String(body, StandardCharsets.UTF_8), status,
                new CompletableFuture<>());
        // Never waits for room: store() is called on the event loop.
        if (!open || !queue.offer(pending)) {
            ProblemException busy = ProblemException.busy(open
                    ? "More webhooks are arriving than the database is storing. This one was not stored; send it again in a few seconds."
                    : "The service is shutting down. This webhook was not stored; send it again in a few seconds.", BUSY_RETRY_AFTER_SECONDS);
            DatabaseUnavailable.warn("webhook intake refused a delivery (" + queue.size() + " waiting)", busy);
            pending.answer.completeExceptionally(busy);
        }
        return pending.answer;
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(config.maxBatch());
        while (open || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.maxBatch() - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // writeBatch answers its deliveries itself; this only keeps the writer alive.
                batch.forEach(p -> p.answer.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        List<Pending> remaining = batch;
        List<Pending> waiting = new ArrayList<>();
        boolean queued = false;
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(true);
            Timestamp now = Timestamp.from(Instant.now());
            for (int pass = 0; pass < PASSES && !remaining.isEmpty(); pass++) {
                Map<UUID, String> created = insert(connection, remaining, now);
                List<Pending> repeats = new ArrayList<>();
                for (Pending p : remaining) {
                    String status = created.get(p.id);
                    if (status == null) {
                        repeats.add(p);
                        continue;
                    }
                    queued |= status.equals(WebhookDelivery.Status.PENDING.name());
                    if (status.equals(WebhookDelivery.Status.SETUP_REQUIRED.name())) {
                        waiting.add(p);
                    }
                    // Committed: the row itself counts in the delivery log (see DeliveryLog).
                    p.answer.complete(new Stored(p.id, true));
                }
                remaining = answerRepeats(connection, repeats);
            }
            queued |= releaseIfSetUpMeanwhile(connection, waiting);
        } catch (SQLException e) {
            IllegalStateException failure = new IllegalStateException("Could not store the deliveries", e);
            remaining.forEach(p -> p.answer.completeExceptionally(failure));
            if (!waiting.isEmpty()) {
                // Stored and answered, but not looked at again: should a set-up have been saved in
                // these milliseconds, they wait until the user saves it again. Rare enough to say so.
                Log.warnf("%d deliveries stored as waiting for the Fireflies set-up could not be checked again: %s", waiting.size(), e.getMessage());
            }
            return;
        } finally {
            if (queued) {
                accepted.fire(new DeliveryAccepted(batch.get(0).id));
            }
        }
        remaining.forEach(p -> p.answer.completeExceptionally(new IllegalStateException("A repeated delivery's first copy could not be found")));
    }

    private static boolean releaseIfSetUpMeanwhile(Connection connection, List<Pending> waiting) throws SQLException {
        if (waiting.isEmpty()) {
            return false;
        }
        Set<UUID> setUp = new HashSet<>();
        try (PreparedStatement users = connection.prepareStatement(SET_UP_MEANWHILE)) {
            users.setArray(1, connection.createArrayOf("uuid", waiting.stream().map(p -> p.hexKey.userId()).distinct().toArray(UUID[]::new)));
            try (ResultSet rows = users.executeQuery()) {
                while (rows.next()) {
                    setUp.add(rows.getObject(1, UUID.class));
                }
            }
        }
        if (setUp.isEmpty()) {
            return false;
        }
        try (PreparedStatement release = connection.prepareStatement(RELEASE)) {
            release.setArray(1, connection.createArrayOf("uuid", waiting.stream().filter(p -> setUp.contains(p.hexKey.userId())).map(Pending::id).toArray(UUID[]::new)));
            return release.executeUpdate() > 0;
        }
    }

    /** Inserts the batch; returns the ids it created (repeats create nothing), with the status each was stored in. */
    private static Map<UUID, String> insert(Connection connection, List<Pending> batch, Timestamp now) throws SQLException {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        UUID[] tokenIds = new UUID[n];
        UUID[] userIds = new UUID[n];
        String[] events = new String[n];
        String[] meetings = new String[n];
        String[] references = new String[n];
        String[] payloads = new String[n];
        String[] statuses = new String[n];
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            ids[i] = p.id;
            tokenIds[i] = p.hexKey.tokenId();
            userIds[i] = p.hexKey.userId();
            events[i] = p.payload.event();
            meetings[i] = p.payload.meetingId();
            String reference = p.payload.clientReferenceId();
            references[i] = reference == null || reference.isEmpty() ? null : reference;
            payloads[i] = p.body;
            statuses[i] = p.status.name();
        }
        Map<UUID, String> created = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("uuid", ids));
            insert.setArray(2, connection.createArrayOf("uuid", tokenIds));
            insert.setArray(3, connection.createArrayOf("uuid", userIds));
            insert.setArray(4, connection.createArrayOf("text", events));
            insert.setArray(5, connection.createArrayOf("text", meetings));
            insert.setArray(6, connection.createArrayOf("text", references));
            insert.setArray(7, connection.createArrayOf("text", payloads));
            insert.setArray(8, connection.createArrayOf("text", statuses));
            insert.setTimestamp(9, now);
            insert.setTimestamp(10, now);
            insert.setString(11, WebhookDelivery.NOT_SET_UP);
            insert.setTimestamp(12, now);
            insert.setTimestamp(13, now);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    created.put(rows.getObject(1, UUID.class), rows.getString(2));
                }
            }
        }
        return created;
    }

    /** Answers each repeat with its first delivery's id; returns those whose first delivery is gone. */
    private List<Pending> answerRepeats(Connection connection, List<Pending> repeats) throws SQLException {
        if (repeats.isEmpty()) {
            return repeats;
        }
        int n = repeats.size();
        UUID[] users = new UUID[n];
        String[] events = new String[n];
        String[] meetings = new String[n];
        for (int i = 0; i < n; i++) {
            Key key = repeats.get(i).key();
            users[i] = key.userId();
            events[i] = key.event();
            meetings[i] = key.meetingId();
        }
        Map<Key, UUID> first = new HashMap<>();
        try (PreparedStatement earlier = connection.prepareStatement(EARLIER)) {
            earlier.setArray(1, connection.createArrayOf("uuid", users));
            earlier.setArray(2, connection.createArrayOf("text", events));
            earlier.setArray(3, connection.createArrayOf("text", meetings));
            try (ResultSet rows = earlier.executeQuery()) {
                while (rows.next()) {
                    first.put(new Key(rows.getObject(2, UUID.class), rows.getString(3), rows.getString(4)), rows.getObject(1, UUID.class));
                }
            }
        }
        List<Pending> missing = new ArrayList<>();
        for (Pending p : repeats) {
            UUID id = first.get(p.key());
            if (id == null) {
                missing.add(p);
            } else {
                log.count(p.hexKey.tokenId(), DeliveryOutcome.DUPLICATE);
                p.answer.complete(new Stored(id, false));
            }
        }
        return missing;
    }
}
