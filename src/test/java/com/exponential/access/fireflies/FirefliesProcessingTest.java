package com.exponential.access.fireflies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.exponential.access.action.Action;
import com.exponential.access.webhook.WebhookDelivery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** From a signed webhook to a meeting and its actions, against a fake Fireflies over real HTTP. */
@QuarkusTest
@WithTestResource(value = FakeFireflies.class, scope = TestResourceScope.GLOBAL)
class FirefliesProcessingTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliveryWorker worker;

    static WebhookDelivery delivery(String id) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.findById(UUID.fromString(id)));
    }

    static WebhookDelivery awaitStatus(String id, WebhookDelivery.Status status) {
        await().atMost(WITHIN).until(() -> delivery(id).status == status);
        return delivery(id);
    }

    static List<Action> actionsOf(String workspaceId, String transcriptId) {
        return QuarkusTransaction.requiringNew().call(() -> Action.<Action>list("workspaceId = ?1 and sourceKey like ?2 order by sourceKey",
                UUID.fromString(workspaceId), "fireflies:" + transcriptId + ":%"));
    }

    @Test
    void waitsAsSetupRequiredUntilTheKeyIsSavedThenImports() {
        Fixtures f = Fixtures.userWithHexKey();
        f.browser.get("/workflows").then().statusCode(200)
                .body(containsString("Setup Required"))
                .body(containsString("No Hex Key linked"))
                .body(containsString("Fireflies API key missing"));

        String transcript = "t-" + UUID.randomUUID();
        String id = f.sendSigned(Fixtures.v1(transcript)).then().statusCode(202).extract().path("deliveryId");
        WebhookDelivery waiting = awaitStatus(id, WebhookDelivery.Status.SETUP_REQUIRED);
        assertThat(waiting.lastError).contains("not set up");
        f.browser.get("/workflows").then().statusCode(200).body(containsString("data-delivery-id=\"" + id + "\"")).body(containsString("Setup Required"));

        f.saveSetup("ff-good-" + UUID.randomUUID()).then().statusCode(303);
        WebhookDelivery done = awaitStatus(id, WebhookDelivery.Status.DONE);
        assertThat(done.meetingId).isNotNull();

        Meeting meeting = QuarkusTransaction.requiringNew().call(() -> Meeting.findById(done.meetingId));
        assertThat(meeting.title).isEqualTo("Weekly sync " + transcript);
        assertThat(meeting.workspaceId).hasToString(f.workspaceId);
        assertThat(meeting.durationMinutes).isEqualTo(42.5);
        assertThat(meeting.meetingDate).isEqualTo(Instant.ofEpochMilli(1_767_225_600_000L));
        assertThat(meeting.participants).contains("ada@example.com");
        assertThat(meeting.sentences).contains("Let us plan.");
        List<Action> actions = actionsOf(f.workspaceId, transcript);
        assertThat(actions).extracting(a -> a.title).containsExactly("Send the deck to the client", "Book the room", "Review the pull request");
        assertThat(actions).allSatisfy(a -> {
            assertThat(a.source).isEqualTo(Action.Source.FIREFLIES);
            assertThat(a.meetingId).isEqualTo(meeting.id);
            assertThat(a.status).isEqualTo(Action.Status.OPEN);
        });
        assertThat(actions.get(0).description).contains("Ada Lovelace").contains("01:05");

        f.browser.get("/workflows").then().statusCode(200)
                .body(containsString("id=\"fireflies-status\">Active<"))
                .body(containsString("Imported"))
                .body(containsString("/webhooks/fireflies/" + f.tokenId))
                .body(not(containsString("ff-good-")));
    }

    @Test
    void manyDeliveriesWaitTogetherAndAreAllImportedOnceTheKeyIsSaved() {
        Fixtures f = Fixtures.userWithHexKey();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(f.sendSigned(Fixtures.v1("bulk-" + UUID.randomUUID())).then().statusCode(202).extract().path("deliveryId"));
        }
        ids.forEach(id -> awaitStatus(id, WebhookDelivery.Status.SETUP_REQUIRED));

        f.saveSetup("ff-good-" + UUID.randomUUID()).then().statusCode(303);
        ids.forEach(id -> assertThat(awaitStatus(id, WebhookDelivery.Status.DONE).meetingId).isNotNull());
        assertThat(QuarkusTransaction.requiringNew().call(() -> Meeting.count("workspaceId", UUID.fromString(f.workspaceId)))).isEqualTo(12);
    }

    @Test
    void duplicateWebhooksMakeOneSetOfActions() {
        Fixtures f = Fixtures.setUp();
        String transcript = "t-" + UUID.randomUUID();
        String first = f.sendSigned(Fixtures.v1(transcript)).then().statusCode(202).extract().path("deliveryId");
        f.sendSigned(Fixtures.v1(transcript)).then().statusCode(200);
        String second = f.sendSigned(Fixtures.v2("meeting.summarized", transcript)).then().statusCode(202).extract().path("deliveryId");
        awaitStatus(first, WebhookDelivery.Status.DONE);
        awaitStatus(second, WebhookDelivery.Status.DONE);
        assertThat(actionsOf(f.workspaceId, transcript)).hasSize(3);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Meeting.count("firefliesId", transcript))).isEqualTo(1);
        assertThat(FakeFireflies.hits(transcript)).isEqualTo(2);
    }

    @Test
    void retriesWhileFirefliesIsDownRateLimitedOrNotReady() {
        Fixtures f = Fixtures.setUp();
        String unavailable = "503x2-" + UUID.randomUUID();
        String limited = "429x1-" + UUID.randomUUID();
        String notReady = "nf2-" + UUID.randomUUID();
        String a = f.sendSigned(Fixtures.v1(unavailable)).then().statusCode(202).extract().path("deliveryId");
        String b = f.sendSigned(Fixtures.v1(limited)).then().statusCode(202).extract().path("deliveryId");
        String c = f.sendSigned(Fixtures.v1(notReady)).then().statusCode(202).extract().path("deliveryId");
        assertThat(awaitStatus(a, WebhookDelivery.Status.DONE).attempts).isEqualTo(3);
        assertThat(awaitStatus(b, WebhookDelivery.Status.DONE).attempts).isEqualTo(2);
        assertThat(awaitStatus(c, WebhookDelivery.Status.DONE).attempts).isEqualTo(3);
        assertThat(actionsOf(f.workspaceId, unavailable)).hasSize(3);
        assertThat(actionsOf(f.workspaceId, limited)).hasSize(3);
        assertThat(actionsOf(f.workspaceId, notReady)).hasSize(3);
    }

    @Test
    void givesUpAfterTheRetryWindowWithTheReason() {
        Fixtures f = Fixtures.setUp();
        String id = f.sendSigned(Fixtures.v1("down-" + UUID.randomUUID())).then().statusCode(202).extract().path("deliveryId");
        WebhookDelivery failed = awaitStatus(id, WebhookDelivery.Status.FAILED);
        assertThat(failed.lastError).startsWith("Gave up after 3 s").contains("503");
        assertThat(failed.attempts).isBetween(3, 20);
        f.browser.get("/workflows").then().body(containsString("Failed")).body(containsString("Gave up after"));
    }

    @Test
    void aKeyFirefliesRejectsLaterSendsTheUserBackToSetup() {
        Fixtures f = Fixtures.userWithHexKey();
        f.saveSetup("ff-revoked-later-" + UUID.randomUUID()).then().statusCode(303);
        String transcript = "t-" + UUID.randomUUID();
        String id = f.sendSigned(Fixtures.v1(transcript)).then().statusCode(202).extract().path("deliveryId");
        assertThat(awaitStatus(id, WebhookDelivery.Status.SETUP_REQUIRED).lastError).contains("rejected");
        f.browser.get("/workflows").then().body(containsString("Setup Required")).body(containsString("Fireflies rejected the API key"));

        f.saveSetup("ff-good-" + UUID.randomUUID()).then().statusCode(303);
        awaitStatus(id, WebhookDelivery.Status.DONE);
        assertThat(actionsOf(f.workspaceId, transcript)).hasSize(3);
    }

    @Test
    void twoWorkersNeverClaimTheSameDelivery() throws Exception {
        Fixtures f = Fixtures.setUp();
        List<String> ids = new ArrayList<>();
        List<String> transcripts = new ArrayList<>();
        Instant due = Instant.now().plusMillis(300);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 12; i++) {
                WebhookDelivery d = pending(f, "race-" + UUID.randomUUID(), due);
                d.persist();
                ids.add(d.id.toString());
                transcripts.add(d.firefliesMeetingId);
            }
        });
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<DeliveryQueue.Claim>>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    while (Instant.now().isBefore(due)) {
                        Thread.onSpinWait();
                    }
                    List<DeliveryQueue.Claim> mine = new ArrayList<>();
                    List<DeliveryQueue.Claim> batch;
                    while (!(batch = queue.claim(2)).isEmpty()) {
                        mine.addAll(batch);
                    }
                    mine.forEach(worker::process);
                    return mine;
                }));
            }
            start.countDown();
            Set<UUID> seen = new HashSet<>();
            for (Future<List<DeliveryQueue.Claim>> w : workers) {
                for (DeliveryQueue.Claim claim : w.get()) {
                    if (ids.contains(claim.deliveryId().toString())) {
                        assertThat(seen.add(claim.deliveryId())).as("claimed twice: " + claim.deliveryId()).isTrue();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            assertThat(awaitStatus(id, WebhookDelivery.Status.DONE).attempts).isEqualTo(1);
        }
        for (String transcript : transcripts) {
            assertThat(FakeFireflies.hits(transcript)).isEqualTo(1);
            assertThat(actionsOf(f.workspaceId, transcript)).hasSize(3);
        }
    }

    @Test
    void aCrashedWorkersDeliveryIsTakenOverWhenItsLeaseRunsOut() {
        Fixtures f = Fixtures.setUp();
        String transcript = "t-" + UUID.randomUUID();
        UUID crashedClaim = UUID.randomUUID();
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            WebhookDelivery d = pending(f, transcript, Instant.now());
            d.attempts = 1;
            d.claimId = crashedClaim;
            d.claimedUntil = Instant.now().plusSeconds(3600);
            d.persist();
            return d.id;
        });
        // While the lease holds, nobody else takes it.
        assertThat(queue.claim(50)).extracting(DeliveryQueue.Claim::deliveryId).doesNotContain(id);
        assertThat(delivery(id.toString()).status).isEqualTo(WebhookDelivery.Status.PENDING);

        // The replica died: its lease runs out, and the delivery is processed once by another worker.
        QuarkusTransaction.requiringNew().run(() -> WebhookDelivery.update("claimedUntil = ?1 where id = ?2", Instant.now().minusSeconds(1), id));
        WebhookDelivery done = awaitStatus(id.toString(), WebhookDelivery.Status.DONE);
        assertThat(done.attempts).isEqualTo(2);
        assertThat(actionsOf(f.workspaceId, transcript)).hasSize(3);

        // If the old worker wakes up, its claim no longer counts.
        assertThat(queue.finish(new DeliveryQueue.Claim(id, crashedClaim), WebhookDelivery.Status.FAILED, "late")).isFalse();
        assertThat(delivery(id.toString()).status).isEqualTo(WebhookDelivery.Status.DONE);
    }

    private static WebhookDelivery pending(Fixtures f, String transcript, Instant due) {
        WebhookDelivery d = new WebhookDelivery();
        d.tokenId = UUID.fromString(f.tokenId);
        d.userId = QuarkusTransaction.joiningExisting().call(() -> com.exponential.access.token.ApiToken.<com.exponential.access.token.ApiToken>findById(d.tokenId).userId);
        d.event = "meeting.transcribed";
        d.firefliesMeetingId = transcript;
        d.payload = Fixtures.v1(transcript);
        d.status = WebhookDelivery.Status.PENDING;
        d.nextAttemptAt = due;
        d.retrySince = due;
        return d;
    }
}
