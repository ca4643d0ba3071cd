package com.exponential.access.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.exponential.access.support.ApiUser;
import com.exponential.access.token.ApiToken;
import com.exponential.access.token.JwtIssuer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkspaceResourceTest {

    @Inject
    JwtIssuer issuer;

    @Test
    void listsTheCallersWorkspacesWithRateLimitHeaders() {
        ApiUser ada = ApiUser.signedUp("Ada");
        ada.api().get("/api/v1/workspaces").then().statusCode(200)
                .body("items.id", equalTo(List.of(ada.workspaceId().toString())))
                .body("items[0].role", equalTo("OWNER"))
                .body("items[0].name", notNullValue())
                .body("next", nullValue())
                .header("X-RateLimit-Limit", "5000")
                .header("X-RateLimit-Remaining", notNullValue())
                .header("X-RateLimit-Reset", notNullValue());
        // Errors after authentication carry them too.
        ada.api().get("/api/v1/workspaces/" + UUID.randomUUID() + "/actions").then().statusCode(404)
                .header("X-RateLimit-Limit", "5000");
        ada.browser().request().get("/api/v1/workspaces").then().statusCode(200).body("items[0].id", equalTo(ada.workspaceId().toString()));
    }

    @Test
    void pagesThroughManyWorkspacesNewestFirst() {
        ApiUser ada = ApiUser.signedUp("Ada");
        List<String> expected = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 4; i++) {
                Workspace w = new Workspace();
                w.name = "Team " + i;
                w.createdAt = Instant.now().plusSeconds(i + 1);
                w.persist();
                Membership m = new Membership();
                m.userId = ada.userId();
                m.workspace = w;
                m.role = Membership.Role.MEMBER;
                m.persist();
                expected.add(0, w.id.toString());
            }
        });
        expected.add(ada.workspaceId().toString());

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = ada.api().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.get("/api/v1/workspaces").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("next");
            if (cursor != null) {
                assertThat(page.header("Link")).contains("rel=\"next\"").contains("cursor=" + cursor);
            }
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void everyListRefusesABadLimitOrCursorNamingTheField() {
        ApiUser ada = ApiUser.signedUp("Ada");
        for (String list : List.of("/api/v1/workspaces", "/api/v1/tokens", ada.actionsPath())) {
            ada.api().get(list + "?limit=ten").then().statusCode(400).body("errors[0].field", equalTo("limit"));
            ada.api().get(list + "?limit=201").then().statusCode(400).body("errors[0].field", equalTo("limit"));
            ada.api().get(list + "?cursor=%%%").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
            ada.api().get(list + "?limit=200").then().statusCode(200).body("items", notNullValue());
        }
    }

    @Test
    void refusesMissingExpiredRevokedAndForeignTokens() {
        ApiUser ada = ApiUser.signedUp("Ada");

        given().get("/api/v1/workspaces").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .header("X-RateLimit-Limit", nullValue());
        given().contentType("text/plain").body("x").post(ada.actionsPath()).then().statusCode(415);
        given().header("Authorization", "Bearer not.a.jwt").get("/api/v1/workspaces").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        given().header("Authorization", "Bearer " + ada.token()).contentType("application/json").body(Map.of("title", "x"))
                .post("/api/v1/workspaces/" + ada.workspaceId() + "/actions").then().statusCode(201);

        // Signed by this service but past its exp.
        ApiToken stale = new ApiToken();
        stale.userId = ada.userId();
        stale.createdAt = Instant.now().minus(2, ChronoUnit.HOURS);
        stale.expiresAt = Instant.now().minus(1, ChronoUnit.HOURS);
        given().header("Authorization", "Bearer " + issuer.sign(stale, ada.browser().email)).get("/api/v1/workspaces")
                .then().statusCode(401).header("WWW-Authenticate", containsString("invalid_token"));

        // A valid signature whose token has since expired in the database.
        String expiring = ada.anotherToken();
        given().header("Authorization", "Bearer " + expiring).get("/api/v1/workspaces").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> ApiToken.update("expiresAt = ?1 where userId = ?2 and name = 'another'",
                Instant.now().minusSeconds(1), ada.userId()));
        // An edit made straight in the database reaches this replica's access cache by NOTIFY, at its commit.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).pollInterval(java.time.Duration.ofMillis(10))
                .untilAsserted(() -> given().header("Authorization", "Bearer " + expiring).get("/api/v1/workspaces").then().statusCode(401)
                        .body("detail", containsString("expired")));
        given().header("Authorization", "Bearer " + expiring).contentType("application/json").body(Map.of("title", "late"))
                .post(ada.actionsPath()).then().statusCode(401);

        // Revoked with itself: the very next request fails.
        ada.api().delete("/api/v1/tokens/" + ada.tokenId()).then().statusCode(204);
        ada.api().get("/api/v1/workspaces").then().statusCode(401).body("detail", containsString("revoked"));
        ada.api().get(ada.actionsPath()).then().statusCode(401);

        ada.browser().request().get(ada.actionsPath()).then().statusCode(200).body("items.title", equalTo(List.of("x")));
    }

    @Test
    void browserExtensionsMayCallWithBearerTokensButNeverWithCredentials() {
        ApiUser ada = ApiUser.signedUp("Ada");
        given().header("Origin", "chrome-extension://abc")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, x-exponential-source")
                .options(ada.actionsPath())
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Allow-Headers", containsString("X-Exponential-Source"))
                .header("Access-Control-Allow-Credentials", nullValue());

        ada.api().header("Origin", "chrome-extension://abc").header("X-Exponential-Source", "extension")
                .contentType("application/json").body(Map.of("title", "Captured", "sourceUrl", "https://news.example.com/story"))
                .post(ada.actionsPath())
                .then().statusCode(201)
                .body("source", equalTo("EXTENSION"))
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", containsString("X-RateLimit-Remaining"))
                .header("Access-Control-Expose-Headers", containsString("Location"))
                .header("Access-Control-Allow-Credentials", nullValue());
    }
}
