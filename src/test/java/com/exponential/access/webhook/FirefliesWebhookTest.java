package com.exponential.access.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.exponential.access.common.SecretCipher;
import com.exponential.access.fireflies.DeliveryQueue;
import com.exponential.access.fireflies.FakeFireflies;
import com.exponential.access.fireflies.Fixtures;
import com.exponential.access.fireflies.Integration;
import com.exponential.access.token.ApiToken;
import com.exponential.access.token.TokenService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every answer of SPEC 6.3, and the delivery log's reason codes. */
@QuarkusTest
@WithTestResource(value = FakeFireflies.class, scope = TestResourceScope.GLOBAL)
class FirefliesWebhookTest {

    @Inject
    DeliveryLog log;

    @Inject
    WebhookIntake intake;

    @Inject
    AgroalDataSource database;

    @Inject
    SecretCipher cipher;

    @Inject
    DeliveryQueue queue;

    private long count(String tokenId, DeliveryOutcome outcome) {
        return log.counts(UUID.fromString(tokenId)).stream().filter(c -> c.outcome() == outcome).mapToLong(DeliveryLog.Count::count).sum();
    }

    private static long deliveries(String tokenId) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.count("tokenId", UUID.fromString(tokenId)));
    }

    @Test
    void signedDeliveryIsStoredAndAcknowledgedAndRepeatsGetTheSameId() {
        Fixtures f = Fixtures.userWithHexKey();
        String meeting = "m-" + UUID.randomUUID();
        String id = f.sendSigned(Fixtures.v1(meeting)).then().statusCode(202).body("status", equalTo("accepted")).extract().path("deliveryId");
        f.sendSigned(Fixtures.v1(meeting)).then().statusCode(200).body("deliveryId", equalTo(id)).body("status", equalTo("duplicate"));
        // The same event in the v2 format is the same delivery.
        f.sendSigned(Fixtures.v2("meeting.transcribed", meeting)).then().statusCode(200).body("deliveryId", equalTo(id));
        String summarized = f.sendSigned(Fixtures.v2("meeting.summarized", meeting)).then().statusCode(202).extract().path("deliveryId");
        assertThat(summarized).isNotEqualTo(id);

        WebhookDelivery stored = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.findById(UUID.fromString(id)));
        assertThat(stored.firefliesMeetingId).isEqualTo(meeting);
        assertThat(stored.clientReferenceId).isEqualTo("ref-1");
        assertThat(stored.payload).isEqualTo(Fixtures.v1(meeting));
        assertThat(count(f.tokenId, DeliveryOutcome.ACCEPTED)).isEqualTo(2);
        assertThat(count(f.tokenId, DeliveryOutcome.DUPLICATE)).isEqualTo(2);
    }

    @Test
    void botJoinedIsRecordedWithNothingToFetch() {
        Fixtures f = Fixtures.userWithHexKey();
        String id = f.sendSigned(Fixtures.v2("meeting.bot_joined", "m-" + UUID.randomUUID())).then().statusCode(202).extract().path("deliveryId");
        WebhookDelivery stored = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.findById(UUID.fromString(id)));
        assertThat(stored.status).isEqualTo(WebhookDelivery.Status.IGNORED);
    }

    @Test
    void concurrentRepeatsMakeOneDelivery() throws Exception {
        Fixtures f = Fixtures.userWithHexKey();
        String body = Fixtures.v1("m-" + UUID.randomUUID());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> f.sendSigned(body));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<Response> answer : pool.invokeAll(calls)) {
                statuses.add(answer.get().statusCode());
                ids.add(answer.get().path("deliveryId"));
            }
            assertThat(statuses).containsOnly(200, 202).filteredOn(s -> s == 202).hasSize(1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(deliveries(f.tokenId)).isEqualTo(1);
    }

    @Test
    void aBurstIsStoredTogetherAndRepeatsInsideItGetTheFirstId() throws Exception {
        Fixtures f = Fixtures.userWithHexKey();
        UUID userId = QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById(UUID.fromString(f.tokenId)).userId);
        TokenService.HexKey key = new TokenService.HexKey(UUID.fromString(f.tokenId), userId, f.hexKey);
        // Handed over faster than one statement commits, so the writers store them in batches, and
        // each meeting's second copy lands in the same batch as its first or in a later one.
        List<String> meetings = new ArrayList<>();
        List<CompletableFuture<WebhookIntake.Stored>> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String meeting = "burst-" + (i % 150) + "-" + f.tokenId;
            meetings.add(meeting);
            String body = Fixtures.v1(meeting);
            answers.add(intake.store(key, FirefliesPayload.parse(body.getBytes(StandardCharsets.UTF_8)), body.getBytes(StandardCharsets.UTF_8))
                    .toCompletableFuture());
        }
        Map<String, List<WebhookIntake.Stored>> byMeeting = new HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            byMeeting.computeIfAbsent(meetings.get(i), m -> new ArrayList<>()).add(answers.get(i).get(10, TimeUnit.SECONDS));
        }
        assertThat(byMeeting).hasSize(150).allSatisfy((meeting, stored) -> {
            assertThat(stored).hasSize(2).extracting(WebhookIntake.Stored::deliveryId).containsOnly(stored.get(0).deliveryId());
            assertThat(stored).extracting(WebhookIntake.Stored::created).containsExactlyInAnyOrder(true, false);
        });
        assertThat(deliveries(f.tokenId)).isEqualTo(150);
        assertThat(count(f.tokenId, DeliveryOutcome.DUPLICATE)).isEqualTo(150);
        WebhookDelivery one = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.findById(byMeeting.get(meetings.get(7)).get(0).deliveryId()));
        assertThat(one.payload).isEqualTo(Fixtures.v1(meetings.get(7)));
        assertThat(one.clientReferenceId).isEqualTo("ref-1");
        // No set-up at all: stored as waiting for it, with the reason, without a trip through the worker.
        assertThat(one.status).isEqualTo(WebhookDelivery.Status.SETUP_REQUIRED);
        assertThat(one.lastError).isEqualTo(WebhookDelivery.NOT_SET_UP);
        assertThat(one.attempts).isZero();
    }

    @Test
    void concurrentSendersAreEachAcknowledgedWithTheirOwnStoredDelivery() throws Exception {
        Fixtures f = Fixtures.userWithHexKey();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String body = Fixtures.v1("parallel-" + i + "-" + f.tokenId);
                calls.add(() -> f.sendSigned(body));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Response> answer : pool.invokeAll(calls)) {
                assertThat(answer.get().statusCode()).isEqualTo(202);
                ids.add(answer.get().path("deliveryId"));
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(120);
            long found = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.count("id in ?1", ids.stream().map(UUID::fromString).toList()));
            assertThat(found).isEqualTo(120);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSetUpSavedWhileADeliveryIsBeingStoredStillReleasesIt() throws Exception {
        Fixtures f = Fixtures.userWithHexKey();
        UUID userId = QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById(UUID.fromString(f.tokenId)).userId);
        String meeting = "race-" + UUID.randomUUID();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (Connection lock = database.getConnection()) {
            // Holds the delivery's insert after it has looked for a set-up (none yet) and before it
            // commits: its foreign-key check waits for this row lock on the Hex Key.
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("select 1 from api_token where id = '" + f.tokenId + "' for update");
            }
            Future<Response> delivery = sender.submit(() -> f.sendSigned(Fixtures.v1(meeting)));
            await().atMost(Duration.ofSeconds(10)).until(() -> insertsWaitingForALock() >= 1);
            // Meanwhile the set-up is saved and, after its commit, releases what waits for it: the
            // delivery is not committed yet, so this release cannot see it.
            QuarkusTransaction.requiringNew().run(() -> {
                Integration integration = new Integration();
                integration.userId = userId;
                integration.workspaceId = UUID.fromString(f.workspaceId);
                integration.apiKeyCiphertext = cipher.encrypt("ff-good-race", integration.cipherContext());
                integration.keyStatus = Integration.KeyStatus.VALID;
                integration.persist();
            });
            queue.release(userId);
            lock.rollback();
            assertThat(delivery.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        } finally {
            sender.shutdownNow();
        }
        // The intake looks again after its own commit and hands the delivery to the worker, which imports it.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(QuarkusTransaction.requiringNew().call(() ->
                WebhookDelivery.<WebhookDelivery>find("userId = ?1 and firefliesMeetingId = ?2", userId, meeting).singleResult().status))
                .isEqualTo(WebhookDelivery.Status.DONE));
    }

    private long insertsWaitingForALock() throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%insert into webhook_delivery%'")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void missingOrWrongSignatureIsRefusedAndCounted() {
        Fixtures f = Fixtures.userWithHexKey();
        String body = Fixtures.v1("m-" + UUID.randomUUID());
        given().contentType("application/json").body(body).post("/webhooks/fireflies/" + f.tokenId)
                .then().statusCode(401).contentType("application/problem+json").body("detail", containsString("X-Hub-Signature"));
        given().contentType("application/json").header("X-Hub-Signature", Fixtures.sign("0123456789abcdef0123456789abcdef", body)).body(body)
                .post("/webhooks/fireflies/" + f.tokenId)
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").header("X-Hub-Signature", Fixtures.sign(f.hexKey, body)).body(body + " ")
                .post("/webhooks/fireflies/" + f.tokenId).then().statusCode(401);
        assertThat(deliveries(f.tokenId)).isZero();
        assertThat(count(f.tokenId, DeliveryOutcome.BAD_SIGNATURE)).isEqualTo(3);
    }

    @Test
    void unknownRevokedAndExpiredKeysAreRefused() {
        Fixtures f = Fixtures.userWithHexKey();
        String body = Fixtures.v1("m-" + UUID.randomUUID());
        long unknownBefore = count(DeliveryLog.NO_TOKEN.toString(), DeliveryOutcome.UNKNOWN_TOKEN);
        given().contentType("application/json").header("X-Hub-Signature", Fixtures.sign(f.hexKey, body)).body(body)
                .post("/webhooks/fireflies/" + UUID.randomUUID()).then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").header("X-Hub-Signature", Fixtures.sign(f.hexKey, body)).body(body)
                .post("/webhooks/fireflies/not-a-uuid").then().statusCode(401);
        assertThat(count(DeliveryLog.NO_TOKEN.toString(), DeliveryOutcome.UNKNOWN_TOKEN)).isEqualTo(unknownBefore + 2);

        QuarkusTransaction.requiringNew().run(() -> ApiToken.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), UUID.fromString(f.tokenId)));
        // Edited straight in the database: the cached key row is dropped when the commit's NOTIFY arrives.
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                f.sendSigned(body).then().statusCode(401).body("detail", containsString("revoked or expired")));

        Fixtures g = Fixtures.userWithHexKey();
        g.browser.request().delete("/api/v1/tokens/" + g.tokenId).then().statusCode(204);
        g.sendSigned(body).then().statusCode(401);

        assertThat(count(f.tokenId, DeliveryOutcome.TOKEN_INACTIVE)).isEqualTo(1);
        assertThat(count(g.tokenId, DeliveryOutcome.TOKEN_INACTIVE)).isEqualTo(1);
        assertThat(deliveries(f.tokenId) + deliveries(g.tokenId)).isZero();
    }

    @Test
    void aKeyRevokedAfterUseIsRefusedOnTheVeryNextDelivery() {
        Fixtures f = Fixtures.userWithHexKey();
        // The first delivery leaves the key's row in the access cache.
        f.sendSigned(Fixtures.v1("m-" + UUID.randomUUID())).then().statusCode(202);
        f.browser.request().delete("/api/v1/tokens/" + f.tokenId).then().statusCode(204);
        f.sendSigned(Fixtures.v1("m-" + UUID.randomUUID())).then().statusCode(401);
        assertThat(deliveries(f.tokenId)).isEqualTo(1);
        assertThat(count(f.tokenId, DeliveryOutcome.TOKEN_INACTIVE)).isEqualTo(1);
    }

    @Test
    void aCachedKeyExpiredDirectlyInTheDatabaseIsRefusedOnceThatCommits() {
        Fixtures f = Fixtures.userWithHexKey();
        f.sendSigned(Fixtures.v1("m-" + UUID.randomUUID())).then().statusCode(202);
        // As another replica or a manual statement would: PostgreSQL notifies every replica at commit.
        QuarkusTransaction.requiringNew().run(() -> ApiToken.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), UUID.fromString(f.tokenId)));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                f.sendSigned(Fixtures.v1("m-" + UUID.randomUUID())).then().statusCode(401));
        assertThat(deliveries(f.tokenId)).isEqualTo(1);
        assertThat(count(f.tokenId, DeliveryOutcome.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void unsignedTestPingIsAcknowledgedAndNothingIngested() {
        Fixtures f = Fixtures.userWithHexKey();
        given().contentType("application/json").body("{\"event\":\"test\",\"timestamp\":1767225600000}").post("/webhooks/fireflies/" + f.tokenId)
                .then().statusCode(200).body("status", containsString("test"));
        assertThat(deliveries(f.tokenId)).isZero();
        assertThat(count(f.tokenId, DeliveryOutcome.TEST_PING)).isEqualTo(1);
    }

    @Test
    void signedButMalformedIsABadRequestAndNotStored() {
        Fixtures f = Fixtures.userWithHexKey();
        f.sendSigned("this is not json").then().statusCode(400).contentType("application/problem+json").body("detail", containsString("JSON"));
        f.sendSigned("{\"event\":\"meeting.deleted\",\"meeting_id\":\"m\"}").then().statusCode(400).body("detail", containsString("Unknown event"));
        f.sendSigned("{\"eventType\":\"Transcription completed\"}").then().statusCode(400).body("detail", containsString("meetingId"));
        assertThat(deliveries(f.tokenId)).isZero();
        assertThat(count(f.tokenId, DeliveryOutcome.MALFORMED)).isEqualTo(3);
    }

    @Test
    void oversizeBodyIs413() {
        Fixtures f = Fixtures.userWithHexKey();
        String big = "{\"event\":\"meeting.transcribed\",\"meeting_id\":\"m\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        f.sendSigned(big).then().statusCode(413).contentType("application/problem+json");
        given().contentType("application/json").header("Authorization", "Bearer " + f.hexKey).body(big).post("/webhooks/fireflies")
                .then().statusCode(413);
        assertThat(deliveries(f.tokenId)).isZero();
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(count(f.tokenId, DeliveryOutcome.TOO_LARGE)).isEqualTo(1));
    }

    @io.quarkus.test.common.http.TestHTTPResource("/webhooks/fireflies/")
    java.net.URL webhooks;

    @Test
    void oversizeChunkedBodyWithoutLengthIs413Too() throws Exception {
        Fixtures f = Fixtures.userWithHexKey();
        byte[] big = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) 'x');
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(webhooks.toURI().resolve(f.tokenId))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature", "sha256=00")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build();
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(deliveries(f.tokenId)).isZero();
    }

    @Test
    void anEmptyBodyIsAnsweredNotLeftHanging() throws Exception {
        Fixtures f = Fixtures.userWithHexKey();
        String emptySignature = Fixtures.sign(f.hexKey, "");
        // Signed empty body: a signature that matches, then nothing Fireflies-shaped to store.
        given().contentType("application/json").header("X-Hub-Signature", emptySignature).body(new byte[0])
                .post("/webhooks/fireflies/" + f.tokenId).then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").header("X-Hub-Signature", "sha256=00").body(new byte[0])
                .post("/webhooks/fireflies/" + f.tokenId).then().statusCode(401);
        given().contentType("application/json").header("Authorization", "Bearer " + f.hexKey).body(new byte[0])
                .post("/webhooks/fireflies").then().statusCode(400);
        // Once the key is cached (the event-loop path), the same; also streamed (chunked, no length).
        f.sendSigned(Fixtures.v1("m-" + UUID.randomUUID())).then().statusCode(202);
        given().contentType("application/json").header("X-Hub-Signature", emptySignature).body(new byte[0])
                .post("/webhooks/fireflies/" + f.tokenId).then().statusCode(400);
        assertThat(chunkedEmptyPost("/webhooks/fireflies/" + f.tokenId, "X-Hub-Signature: " + emptySignature)).startsWith("HTTP/1.1 400");
        assertThat(chunkedEmptyPost("/webhooks/fireflies", "Authorization: Bearer " + f.hexKey)).startsWith("HTTP/1.1 400");
        assertThat(deliveries(f.tokenId)).isEqualTo(1);
    }

    /** A POST whose body is streamed and empty (Transfer-Encoding: chunked, only the last chunk): the status line of the answer. */
    private static String chunkedEmptyPost(String path, String header) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + header
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void aFormPostIsRefusedWithAProblemSayingToSendJson() {
        Fixtures f = Fixtures.userWithHexKey();
        for (String path : List.of("/webhooks/fireflies/" + f.tokenId, "/webhooks/fireflies")) {
            given().contentType("application/x-www-form-urlencoded").header("Authorization", "Bearer " + f.hexKey)
                    .formParam("meeting_id", "m-1").post(path)
                    .then().statusCode(415).contentType("application/problem+json")
                    .body("detail", containsString("application/json"));
        }
        assertThat(deliveries(f.tokenId)).isZero();
    }

    @Test
    void staticSecretSendersUseTheHexKeyAsBearer() {
        Fixtures f = Fixtures.userWithHexKey();
        String body = Fixtures.v2("meeting.transcribed", "m-" + UUID.randomUUID());
        String id = given().contentType("application/json").header("Authorization", "Bearer " + f.hexKey).body(body).post("/webhooks/fireflies")
                .then().statusCode(202).extract().path("deliveryId");
        given().contentType("application/json").header("Authorization", "Bearer " + f.hexKey).body(body).post("/webhooks/fireflies")
                .then().statusCode(200).body("deliveryId", equalTo(id));
        given().contentType("application/json").header("Authorization", "Bearer 0123456789abcdef0123456789abcdef").body(body).post("/webhooks/fireflies")
                .then().statusCode(401).header("WWW-Authenticate", containsString("invalid_token")).contentType("application/problem+json");
        given().contentType("application/json").body(body).post("/webhooks/fireflies").then().statusCode(401);
        given().contentType("application/json").header("Authorization", "Bearer " + f.hexKey).body("nope").post("/webhooks/fireflies")
                .then().statusCode(400);
    }
}
