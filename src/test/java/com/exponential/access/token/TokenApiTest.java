package com.exponential.access.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.exponential.access.common.Digests;
import com.exponential.access.support.ApiTokens;
import com.exponential.access.support.BrowserSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class TokenApiTest {

    @ParameterizedTest
    @CsvSource({"1h,3600", "24h,86400", "7d,604800", "30d,2592000", "90d,7776000"})
    void eachOfTheFiveExpiriesIsExact(String expiresIn, long seconds) throws Exception {
        BrowserSession browser = BrowserSession.signedUp("Expiry");
        Response created = ApiTokens.create(browser, "JWT", expiresIn, "expiry " + expiresIn);
        created.then().statusCode(201).header("Cache-Control", "no-store");
        Map<String, Object> claims = JwtForge.claimsOf(created.path("token"));
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(seconds);
        assertThat(Duration.between(Instant.parse(created.path("createdAt")), Instant.parse(created.path("expiresAt"))).toSeconds()).isEqualTo(seconds);
    }

    @Test
    void hexKeyIsShownOnceWithItsWebhookUrlAndStoredOnlyEncrypted() {
        BrowserSession browser = BrowserSession.signedUp("Hex");
        Response created = ApiTokens.create(browser, "HEX", "30d", "Fireflies Webhook");
        String value = created.then().statusCode(201).extract().path("token");
        String id = created.path("id");
        assertThat(value).matches("[0-9a-f]{32}");
        assertThat((String) created.path("webhookUrl")).isEqualTo("http://localhost:8080/webhooks/fireflies/" + id);
        assertThat((String) created.path("hint")).isEqualTo(value.substring(28));

        ApiToken stored = QuarkusTransaction.requiringNew().call(() -> ApiToken.findById(UUID.fromString(id)));
        assertThat(stored.secretDigest).isEqualTo(Digests.sha256Hex(value));
        assertThat(stored.secretCiphertext).doesNotContain(value).startsWith("v1.");

        String list = browser.request().get("/api/v1/tokens").then().statusCode(200)
                .body("items[0].id", equalTo(id))
                .body("items[0].status", equalTo("Active"))
                .body("items[0].description", equalTo("made by a test"))
                .body("items[0].token", nullValue())
                .extract().asString();
        assertThat(list).doesNotContain(value);
    }

    @Test
    void jwtValuesAreNeverStored() {
        BrowserSession browser = BrowserSession.signedUp("Jwt");
        Response created = ApiTokens.create(browser, "JWT", "1h", "api");
        String value = created.path("token");
        ApiToken stored = QuarkusTransaction.requiringNew().call(() -> ApiToken.findById(UUID.fromString(created.path("id"))));
        assertThat(stored.secretDigest).isNull();
        assertThat(stored.secretCiphertext).isNull();
        assertThat(value.split("\\.")).hasSize(3);
    }

    @Test
    void invalidRequestsNameTheFieldAndCreateNothing() {
        BrowserSession browser = BrowserSession.signedUp("Invalid");
        List<Map<String, Object>> bad = List.of(
                Map.of("name", "x", "type", "RSA", "expiresIn", "1h"),
                Map.of("name", "x", "type", "JWT", "expiresIn", "2h"),
                Map.of("name", "  ", "type", "JWT", "expiresIn", "1h"),
                Map.of("name", "x".repeat(101), "type", "JWT", "expiresIn", "1h"),
                Map.of("name", "x", "type", "JWT", "expiresIn", "1h", "description", "d".repeat(501)));
        List<String> fields = List.of("type", "expiresIn", "name", "name", "description");
        for (int i = 0; i < bad.size(); i++) {
            browser.request().contentType(ContentType.JSON).body(bad.get(i)).post("/api/v1/tokens").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(fields.get(i)));
        }
        browser.request().contentType(ContentType.JSON).body("{\"name\": \"x\", \"type\": \"JWT\", \"expiresIn\": \"1h\", \"extend\": true}")
                .post("/api/v1/tokens").then().statusCode(400).body("errors.field", hasItem("extend"));
        browser.request().contentType(ContentType.JSON).body("{not json").post("/api/v1/tokens").then().statusCode(400);
        browser.request().contentType(ContentType.TEXT).body("name=x").post("/api/v1/tokens").then().statusCode(415);
        browser.request().get("/api/v1/tokens").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aJwtCannotMintTokens() {
        BrowserSession browser = BrowserSession.signedUp("Minter");
        String jwt = ApiTokens.jwt(browser);
        given().auth().oauth2(jwt).contentType(ContentType.JSON).body(Map.of("name", "child", "type", "JWT", "expiresIn", "90d"))
                .post("/api/v1/tokens").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(jwt).get("/api/v1/tokens").then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void aRepeatedIdempotencyKeyMintsNothingNew() {
        BrowserSession browser = BrowserSession.signedUp("Twice");
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("name", "once", "type", "JWT", "expiresIn", "1h");
        browser.request().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/tokens").then().statusCode(201);
        browser.request().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/tokens").then()
                .statusCode(409).body("detail", containsString("shown only once")).body(not(containsString("eyJ")));
        browser.request().get("/api/v1/tokens").then().body("items.size()", equalTo(1));
    }

    @Test
    void anotherUsersTokenIsNotFoundAndSurvives() {
        BrowserSession owner = BrowserSession.signedUp("Owner");
        String ownerJwt = ApiTokens.jwt(owner);
        String id = (String) JwtForgeClaims.jti(ownerJwt);
        BrowserSession stranger = BrowserSession.signedUp("Stranger");
        String strangerJwt = ApiTokens.jwt(stranger);

        given().auth().oauth2(strangerJwt).delete("/api/v1/tokens/" + id).then().statusCode(404).contentType("application/problem+json");
        stranger.request().delete("/api/v1/tokens/" + id).then().statusCode(404);
        given().auth().oauth2(strangerJwt).delete("/api/v1/tokens/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(strangerJwt).delete("/api/v1/tokens/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(ownerJwt).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void revokedTokensLeaveTheListAndExpiredOnesShowAsExpired() {
        BrowserSession browser = BrowserSession.signedUp("Lister");
        String revoked = ApiTokens.create(browser, "JWT", "1h", "revoked").path("id");
        String expired = ApiTokens.create(browser, "HEX", "1h", "expired").path("id");
        QuarkusTransaction.requiringNew().run(() -> ApiToken.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(5), UUID.fromString(expired)));
        browser.request().delete("/api/v1/tokens/" + revoked).then().statusCode(204);
        browser.request().delete("/api/v1/tokens/" + revoked).then().statusCode(404);

        browser.request().get("/api/v1/tokens").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(expired))
                .body("items[0].status", equalTo("Expired"));
    }

    @Test
    void listsArePaginatedWithACursor() {
        BrowserSession browser = BrowserSession.signedUp("Pager");
        for (int i = 0; i < 7; i++) {
            ApiTokens.create(browser, "HEX", "1h", "t" + i).then().statusCode(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = browser.request().queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/tokens");
            page.then().statusCode(200);
            seen.addAll(page.path("items.name"));
            cursor = page.path("next");
            if (cursor != null) {
                assertThat(page.header("Link")).contains("rel=\"next\"").contains("cursor=" + cursor);
            }
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("t6", "t5", "t4", "t3", "t2", "t1", "t0");
        browser.request().queryParam("limit", 0).get("/api/v1/tokens").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        browser.request().queryParam("cursor", "garbage!").get("/api/v1/tokens").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void browserExtensionsMayCallWithBearerButNeverWithCredentials() {
        given().header("Origin", "chrome-extension://abcdef").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/v1/me").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Allow-Credentials", nullValue());
        String jwt = ApiTokens.jwt(BrowserSession.signedUp("Extension"));
        given().auth().oauth2(jwt).header("Origin", "chrome-extension://abcdef").get("/api/v1/me").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Credentials", nullValue());
        given().header("Origin", "https://evil.example").options("/tokens").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void crossSiteCallsWithTheSessionCookieAreRefused() {
        BrowserSession browser = BrowserSession.signedUp("Cookie");
        browser.request().header("Origin", "https://evil.example").contentType(ContentType.JSON)
                .body(Map.of("name", "evil", "type", "JWT", "expiresIn", "90d")).post("/api/v1/tokens").then().statusCode(403);
        browser.request().get("/api/v1/tokens").then().body("items.size()", equalTo(0));
    }

    @Test
    void tokenValuesNeverReachTheLog() throws Exception {
        BrowserSession browser = BrowserSession.signedUp("Logs");
        String jwt = ApiTokens.jwt(browser);
        String hex = ApiTokens.create(browser, "HEX", "1h", "hex").path("token");
        given().auth().oauth2(jwt + "x").get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(hex).get("/api/v1/me").then().statusCode(401);
        Path log = Path.of("target", "quarkus-test.log");
        assertThat(log).exists();
        String text = Files.readString(log);
        assertThat(text).contains("401 on /api/v1/me").doesNotContain(jwt).doesNotContain(hex).doesNotContain(jwt.split("\\.")[2]);
    }

    /** Small helper: the jti claim of a JWT. */
    static final class JwtForgeClaims {
        static Object jti(String jwt) {
            try {
                return new HashMap<>(JwtForge.claimsOf(jwt)).get("jti");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
