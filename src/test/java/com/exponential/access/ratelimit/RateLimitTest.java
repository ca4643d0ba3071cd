package com.exponential.access.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.exponential.access.support.ApiUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
class RateLimitTest {

    /** A limit small enough to reach in a test; the window is long, and the test ends it by moving its start back. */
    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exponential.rate-limit.requests", "3", "exponential.rate-limit.window", "1h");
        }
    }

    @Inject
    AgroalDataSource database;

    @Test
    void aTokenIsRefusedPastItsLimitUntilTheWindowResets() throws Exception {
        ApiUser ada = ApiUser.signedUp("Ada"); // signing up used one request of the session and one of the token (GET /me)
        long now = Instant.now().getEpochSecond();
        ExtractableResponse<Response> first = ada.api().get("/api/v1/workspaces").then().statusCode(200)
                .header("X-RateLimit-Limit", "3").header("X-RateLimit-Remaining", "1").extract();
        long reset = Long.parseLong(first.header("X-RateLimit-Reset"));
        assertThat(reset).isBetween(now + 3590, now + 3610);
        // A refused request after authentication still counts.
        ada.api().get(ada.actionsPath() + "/" + UUID.randomUUID()).then().statusCode(404).header("X-RateLimit-Remaining", "0");

        ExtractableResponse<Response> refused = ada.api().get("/api/v1/workspaces").then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("title", equalTo("Too Many Requests"))
                .header("X-RateLimit-Limit", "3")
                .header("X-RateLimit-Remaining", "0")
                .header("X-RateLimit-Reset", String.valueOf(reset))
                .extract();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(3500L, 3601L);
        ada.api().contentType("application/json").body(Map.of("title", "over the limit")).post(ada.actionsPath()).then().statusCode(429);

        // Another token of the same user has its own budget; the refused create stored nothing.
        String other = ada.anotherToken();
        given().header("Authorization", "Bearer " + other).get(ada.actionsPath()).then().statusCode(200)
                .header("X-RateLimit-Remaining", "2")
                .body("items", equalTo(java.util.List.of()));

        // The window ends in the shared counters (as it would after an hour): this replica learns it at
        // its next sync, so within a sync interval the token is served again with a fresh budget.
        // /me at sign-up, two GETs, the refused GET and the refused POST: all reach the shared counter.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> sharedCount(ada.tokenId()) == 5);
        endWindowOf(ada.tokenId());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(8)).pollInterval(java.time.Duration.ofMillis(1200))
                .untilAsserted(() -> ada.api().get("/api/v1/workspaces").then().statusCode(200)
                        .header("X-RateLimit-Remaining", org.hamcrest.Matchers.oneOf("0", "1", "2"))
                        .header("Retry-After", nullValue()));
    }

    @Test
    void meAnsweredFromMemoryIsCountedAndRefusedLikeEveryOtherCall() {
        ApiUser bea = ApiUser.signedUp("Bea"); // one GET /me: the token's window is now in this replica's memory
        bea.api().get("/api/v1/me").then().statusCode(200).header("X-RateLimit-Remaining", "1").body("id", equalTo(bea.userId().toString()));
        bea.api().get("/api/v1/me").then().statusCode(200).header("X-RateLimit-Remaining", "0");
        bea.api().get("/api/v1/me").then().statusCode(429)
                .contentType("application/problem+json")
                .header("X-RateLimit-Remaining", "0")
                .header("Retry-After", notNullValue());
    }

    @Test
    void dashboardSessionCallsCountPerUserAndNoTokenIsNotCounted() {
        ApiUser ada = ApiUser.signedUp("Ada"); // POST /api/v1/tokens with the session: one request of the user
        ada.browser().request().get("/api/v1/workspaces").then().statusCode(200).header("X-RateLimit-Remaining", "1");
        ada.browser().request().get("/api/v1/workspaces").then().statusCode(200).header("X-RateLimit-Remaining", "0");
        ada.browser().request().get("/api/v1/workspaces").then().statusCode(429).header("Retry-After", notNullValue());
        for (int i = 0; i < 5; i++) {
            given().get("/api/v1/workspaces").then().statusCode(401);
        }
        ada.api().get("/api/v1/workspaces").then().statusCode(200);
    }

    private long sharedCount(UUID callerId) throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("select used from rate_limit where caller_id = ?")) {
            s.setObject(1, callerId);
            try (var row = s.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private void endWindowOf(UUID callerId) throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("update rate_limit set window_start = window_start - interval '1 hour' where caller_id = ?")) {
            s.setObject(1, callerId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
