package com.exponential.access.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exponential.access.fireflies.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the database falls behind, the intake answers 503 instead of holding senders without limit, and loses nothing it took. */
@QuarkusTest
@TestProfile(WebhookBackPressureTest.SmallQueue.class)
class WebhookBackPressureTest {

    private static final int QUEUE = 5;

    /** One writer and room for five waiting deliveries, so that a handful of requests fills it. */
    public static class SmallQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exponential.webhooks.intake.writers", "1", "exponential.webhooks.intake.queue-capacity", String.valueOf(QUEUE));
        }
    }

    @Inject
    AgroalDataSource database;

    @Test
    void sendersBeyondTheQueueAreToldToRetryAndEveryAcknowledgedDeliveryIsStored() throws Exception {
        Fixtures f = Fixtures.userWithHexKey();
        f.sendSigned(Fixtures.v1("warm-" + UUID.randomUUID())).then().statusCode(202);
        ExecutorService senders = Executors.newFixedThreadPool(12);
        Future<Response> held;
        List<Future<Response>> more = new ArrayList<>();
        try (Connection lock = database.getConnection()) {
            // A stalled database: inserts into webhook_delivery wait for this lock.
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table webhook_delivery in share row exclusive mode");
            }
            held = senders.submit(() -> f.sendSigned(Fixtures.v1("held-" + f.tokenId)));
            await().atMost(Duration.ofSeconds(10)).until(() -> insertsWaitingForTheLock() >= 1);
            for (int i = 0; i < QUEUE + 6; i++) {
                String body = Fixtures.v1("queued-" + i + "-" + f.tokenId);
                more.add(senders.submit(() -> f.sendSigned(body)));
            }
            // The writer holds the first delivery; five wait in the queue; six are refused at once.
            await().atMost(Duration.ofSeconds(10)).until(() -> more.stream().filter(Future::isDone).count() >= 6);
            assertThat(held.isDone()).isFalse();
            List<Response> refused = new ArrayList<>();
            for (Future<Response> answer : more) {
                if (answer.isDone()) {
                    refused.add(answer.get());
                }
            }
            assertThat(refused).hasSize(6).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isNotBlank();
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.<String>path("detail")).contains("send it again");
            });
            lock.rollback();
        }
        assertThat(held.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        List<String> acknowledged = new ArrayList<>();
        acknowledged.add(held.get().path("deliveryId"));
        for (Future<Response> answer : more) {
            Response r = answer.get(10, TimeUnit.SECONDS);
            if (r.statusCode() == 202) {
                acknowledged.add(r.path("deliveryId"));
            }
        }
        senders.shutdownNow();
        assertThat(acknowledged).hasSize(1 + QUEUE);
        long stored = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.count("id in ?1", acknowledged.stream().map(UUID::fromString).toList()));
        assertThat(stored).isEqualTo(1 + QUEUE);
        // Refused means not stored: the sender's retry will be the first copy.
        assertThat(QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.count("tokenId", UUID.fromString(f.tokenId)))).isEqualTo(2 + QUEUE);
    }

    private long insertsWaitingForTheLock() throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%insert into webhook_delivery%'")) {
            row.next();
            return row.getLong(1);
        }
    }
}
