package com.exponential.access.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.exponential.access.fireflies.FakeFireflies;
import com.exponential.access.fireflies.Fixtures;
import com.exponential.access.fireflies.Integration;
import com.exponential.access.support.BrowserSession;
import com.exponential.access.token.ApiToken;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Workflows page tells the truth about the Fireflies set-up at every step. */
@QuarkusTest
@WithTestResource(value = FakeFireflies.class, scope = TestResourceScope.GLOBAL)
class WorkflowsPageTest {

    private static Optional<Integration> integrationOf(Fixtures f) {
        UUID userId = QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById(UUID.fromString(f.tokenId)).userId);
        return QuarkusTransaction.requiringNew().call(() -> Integration.fireflies(userId));
    }

    @Test
    void needsLogIn() {
        new BrowserSession().get("/workflows").then().statusCode(303).header("Location", containsString("/login?next=%2Fworkflows"));
    }

    @Test
    void savesAVerifiedKeyEncryptedAndBecomesActive() {
        Fixtures f = Fixtures.userWithHexKey();
        String key = "ff-good-" + UUID.randomUUID();
        f.saveSetup(key).then().statusCode(303).header("Location", containsString("saved=verified"));
        f.browser.get("/workflows?saved=verified").then().statusCode(200)
                .body(containsString("Fireflies accepted the API key"))
                .body(containsString("id=\"fireflies-status\">Active<"))
                .body(containsString("id=\"webhook-url\">http://localhost:8080/webhooks/fireflies/" + f.tokenId + "<"))
                .body(containsString("…" + key.substring(key.length() - 4)))
                .body(not(containsString(key)));
        Integration stored = integrationOf(f).orElseThrow();
        assertThat(stored.apiKeyCiphertext).doesNotContain(key);
        assertThat(stored.keyStatus).isEqualTo(Integration.KeyStatus.VALID);

        // A blank key keeps the stored one.
        f.browser.submit("/workflows", "/workflows/fireflies", Map.of("apiKey", "", "tokenId", f.tokenId, "workspaceId", f.workspaceId))
                .then().statusCode(303);
        assertThat(integrationOf(f).orElseThrow().apiKeyCiphertext).isEqualTo(stored.apiKeyCiphertext);
    }

    @Test
    void saysClearlyWhenFirefliesRejectsTheKeyAndSavesNothing() {
        Fixtures f = Fixtures.userWithHexKey();
        f.saveSetup("wrong-key").then().statusCode(422)
                .body(containsString("Fireflies rejected this API key"))
                .body(not(containsString("wrong-key")));
        assertThat(integrationOf(f)).isEmpty();
    }

    @Test
    void savesAnUncheckedKeyWhenFirefliesCannotBeReached() {
        Fixtures f = Fixtures.userWithHexKey();
        f.saveSetup("ff-down-" + UUID.randomUUID()).then().statusCode(303).header("Location", containsString("saved=unchecked"));
        f.browser.get("/workflows?saved=unchecked").then().body(containsString("could not be reached"));
        assertThat(integrationOf(f).orElseThrow().keyStatus).isEqualTo(Integration.KeyStatus.UNCHECKED);
    }

    @Test
    void refusesOtherPeoplesKeysAndWorkspaces() {
        Fixtures f = Fixtures.userWithHexKey();
        Fixtures other = Fixtures.userWithHexKey();
        f.browser.submit("/workflows", "/workflows/fireflies", Map.of("apiKey", "ff-good-1", "tokenId", other.tokenId, "workspaceId", other.workspaceId))
                .then().statusCode(422)
                .body(containsString("Choose one of your Hex Keys"))
                .body(containsString("Choose one of your workspaces"));
        f.browser.submit("/workflows", "/workflows/fireflies", Map.of("apiKey", "", "tokenId", "", "workspaceId", ""))
                .then().statusCode(422).body(containsString("Enter your Fireflies API key"));
        // Without the CSRF field the form is refused.
        f.browser.post("/workflows/fireflies", Map.of("apiKey", "ff-good-1", "tokenId", f.tokenId, "workspaceId", f.workspaceId))
                .then().statusCode(400);
        assertThat(integrationOf(f)).isEmpty();
    }

    @Test
    void saysWhenTheLinkedHexKeyIsRevokedOrExpired() {
        Fixtures f = Fixtures.setUp();
        f.browser.get("/workflows").then().body(containsString("id=\"fireflies-status\">Active<"));

        QuarkusTransaction.requiringNew().run(() -> ApiToken.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(5), UUID.fromString(f.tokenId)));
        f.browser.get("/workflows").then().body(containsString("Setup Required")).body(containsString("Hex Key expired on"));

        f.browser.request().delete("/api/v1/tokens/" + f.tokenId).then().statusCode(204);
        f.browser.get("/workflows").then().body(containsString("Setup Required")).body(containsString("Hex Key was revoked"));
    }

    @Test
    void showsTheDeliveryLogOfTheLinkedKey() {
        Fixtures f = Fixtures.setUp();
        f.sendSigned("not json").then().statusCode(400);
        io.restassured.RestAssured.given().contentType("application/json").body("{\"event\":\"test\"}").post("/webhooks/fireflies/" + f.tokenId)
                .then().statusCode(200);
        f.browser.get("/workflows").then().statusCode(200)
                .body(containsString("Not JSON or not a known payload"))
                .body(containsString("Fireflies test ping"))
                .body(containsString("No deliveries yet."));
    }
}
