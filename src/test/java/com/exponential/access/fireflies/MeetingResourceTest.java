package com.exponential.access.fireflies;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.exponential.access.webhook.WebhookDelivery;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /api/v1/meetings and /api/v1/meetings/{id}: the caller's meetings only, with their action items. */
@QuarkusTest
@WithTestResource(value = FakeFireflies.class, scope = TestResourceScope.GLOBAL)
class MeetingResourceTest {

    private static String imported(Fixtures f) {
        String id = f.sendSigned(Fixtures.v1("t-" + UUID.randomUUID())).then().statusCode(202).extract().path("deliveryId");
        WebhookDelivery done = FirefliesProcessingTest.awaitStatus(id, WebhookDelivery.Status.DONE);
        return done.meetingId.toString();
    }

    @Test
    void listsAndShowsTheCallersMeetingsWithTheirActionItems() {
        Fixtures f = Fixtures.setUp();
        String older = imported(f);
        String newer = imported(f);
        String jwt = f.jwt();

        given().auth().oauth2(jwt).get("/api/v1/meetings").then().statusCode(200)
                .body("items.id", contains(newer, older))
                .body("items[0].actionItems.title", contains("Send the deck to the client", "Book the room", "Review the pull request"))
                .body("items[0].participants", contains("ada@example.com", "bob@example.com"))
                .body("items[0].keywords", contains("launch", "plan"))
                .body("items[0].workspaceId", equalTo(f.workspaceId))
                .body("items[0].sentences", nullValue())
                .body("next", nullValue());

        String next = given().auth().oauth2(jwt).queryParam("limit", 1).get("/api/v1/meetings").then().statusCode(200)
                .header("Link", containsString("rel=\"next\""))
                .body("items", hasSize(1)).body("items[0].id", equalTo(newer))
                .extract().path("next");
        given().auth().oauth2(jwt).queryParam("limit", 1).queryParam("cursor", next).get("/api/v1/meetings").then().statusCode(200)
                .body("items.id", contains(older));

        given().auth().oauth2(jwt).get("/api/v1/meetings/" + older).then().statusCode(200)
                .body("title", containsString("Weekly sync"))
                .body("durationMinutes", equalTo(42.5f))
                .body("overview", equalTo("We planned the launch."))
                .body("sentences.text", contains("Let us plan.", "Agreed."))
                .body("actionItems", hasSize(3));
    }

    @Test
    void anotherUsersMeetingIsNotFound() {
        Fixtures owner = Fixtures.setUp();
        String meeting = imported(owner);
        Fixtures stranger = Fixtures.userWithHexKey();
        String jwt = stranger.jwt();
        given().auth().oauth2(jwt).get("/api/v1/meetings/" + meeting).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(jwt).get("/api/v1/meetings/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(jwt).get("/api/v1/meetings").then().statusCode(200).body("items.id", not(List.of(meeting)))
                .body("items", hasSize(0));
    }

    @Test
    void needsAuthentication() {
        given().get("/api/v1/meetings").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2("not-a-token").get("/api/v1/meetings/" + UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2("x").queryParam("limit", 0).get("/api/v1/meetings").then().statusCode(401);
    }

    @Test
    void rejectsBadPaging() {
        Fixtures f = Fixtures.userWithHexKey();
        String jwt = f.jwt();
        given().auth().oauth2(jwt).queryParam("limit", 0).get("/api/v1/meetings").then().statusCode(400);
        given().auth().oauth2(jwt).queryParam("cursor", "nonsense").get("/api/v1/meetings").then().statusCode(400);
    }
}
