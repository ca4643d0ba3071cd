package com.exponential.access.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.exponential.access.support.ApiUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ActionResourceTest {

    ApiUser ada;

    @BeforeEach
    void signUp() {
        ada = ApiUser.signedUp("Ada");
    }

    @Test
    void createsAnActionWithLocationAndReadsItBack() {
        ExtractableResponse<Response> created = ada.api().contentType("application/json")
                .body(Map.of("title", "  Send the deck to Dana  ", "description", "Enterprise tier", "sourceUrl", "https://example.com/deal/42",
                        "dueDate", "2030-07-01"))
                .post(ada.actionsPath())
                .then().statusCode(201)
                .header("Location", containsString(ada.actionsPath() + "/"))
                .body("title", equalTo("Send the deck to Dana"))
                .body("description", equalTo("Enterprise tier"))
                .body("sourceUrl", equalTo("https://example.com/deal/42"))
                .body("dueDate", equalTo("2030-07-01"))
                .body("status", equalTo("OPEN"))
                .body("source", equalTo("API"))
                .body("workspaceId", equalTo(ada.workspaceId().toString()))
                .body("createdBy", equalTo(ada.userId().toString()))
                .body("completedAt", nullValue())
                .extract();
        String location = created.header("Location");
        ada.api().get(location).then().statusCode(200)
                .body("id", equalTo(created.path("id")))
                .body("title", equalTo("Send the deck to Dana"));
    }

    @Test
    void theExtensionSaysSoInAHeaderAndOnlyTitleIsRequired() {
        ada.api().contentType("application/json").header("X-Exponential-Source", "extension")
                .body(Map.of("title", "Read later")).post(ada.actionsPath())
                .then().statusCode(201)
                .body("source", equalTo("EXTENSION"))
                .body("description", nullValue())
                .body("sourceUrl", nullValue())
                .body("dueDate", nullValue());
        ada.api().contentType("application/json").header("X-Exponential-Source", "zapier")
                .body(Map.of("title", "Read later")).post(ada.actionsPath())
                .then().statusCode(400).body("errors.field", hasItem("X-Exponential-Source"));
        assertThat(titles(ada.actionsPath())).containsExactly("Read later");
    }

    @Test
    void invalidFieldsAreNamedAndNothingIsStored() {
        String longest = "x".repeat(500);
        ada.api().contentType("application/json").body(Map.of("title", longest)).post(ada.actionsPath()).then().statusCode(201);

        refuse(Map.of("title", "   "), "title");
        refuse(Map.of("description", "no title"), "title");
        refuse(Map.of("title", longest + "x"), "title");
        refuse(Map.of("title", "t", "sourceUrl", "ftp://example.com/file"), "sourceUrl");
        refuse(Map.of("title", "t", "sourceUrl", "/relative/path"), "sourceUrl");
        refuse(Map.of("title", "t", "sourceUrl", "javascript:alert(1)"), "sourceUrl");
        refuse(Map.of("title", "t", "sourceUrl", "https://exa mple.com"), "sourceUrl");
        refuse(Map.of("title", "t", "dueDate", "2030-02-30"), "dueDate");
        refuse(Map.of("title", "t", "dueDate", "01/07/2030"), "dueDate");
        refuse(Map.of("title", "t", "colour", "red"), "colour");
        ada.api().contentType("application/json").body(Map.of("sourceUrl", "nope", "dueDate", "tomorrow")).post(ada.actionsPath())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("title", "sourceUrl", "dueDate")));
        ada.api().contentType("application/json").body("{\"title\": \"broken\"").post(ada.actionsPath())
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("not valid JSON"));
        ada.api().contentType("application/json").body("[]").post(ada.actionsPath()).then().statusCode(400);
        ada.api().contentType("text/plain").body("title=hello").post(ada.actionsPath())
                .then().statusCode(415).contentType("application/problem+json");
        ada.api().contentType("application/x-www-form-urlencoded").formParam("title", "hello").post(ada.actionsPath())
                .then().statusCode(415);

        assertThat(titles(ada.actionsPath())).containsExactly(longest);
    }

    @Test
    void marksDoneReopensAndEdits() {
        String path = create("Call Bob", Map.of("description", "About the renewal", "sourceUrl", "https://example.com", "dueDate", "2030-01-02"));

        ada.api().contentType("application/json").body(Map.of("status", "DONE")).patch(path)
                .then().statusCode(200)
                .body("status", equalTo("DONE"))
                .body("completedAt", notNullValue())
                .body("title", equalTo("Call Bob"));
        ada.api().get(ada.actionsPath() + "?status=DONE").then().statusCode(200).body("items.title", equalTo(List.of("Call Bob")));
        ada.api().get(ada.actionsPath() + "?status=OPEN").then().statusCode(200).body("items", equalTo(List.of()));

        ada.api().contentType("application/json").body(Map.of("status", "OPEN")).patch(path)
                .then().statusCode(200).body("status", equalTo("OPEN")).body("completedAt", nullValue());

        Map<String, Object> edit = new HashMap<>();
        edit.put("title", " Call Bob again ");
        edit.put("description", null);
        edit.put("sourceUrl", "http://example.org/x?y=1");
        edit.put("dueDate", null);
        ada.api().contentType("application/json").body(edit).patch(path)
                .then().statusCode(200)
                .body("title", equalTo("Call Bob again"))
                .body("description", nullValue())
                .body("sourceUrl", equalTo("http://example.org/x?y=1"))
                .body("dueDate", nullValue())
                .body("status", equalTo("OPEN"));

        ada.api().contentType("application/json").body(Map.of("dueDate", "2031-12-31")).patch(path)
                .then().statusCode(200).body("dueDate", equalTo("2031-12-31")).body("title", equalTo("Call Bob again"));
        // RFC 7396's media type is accepted as well.
        ada.api().contentType("application/merge-patch+json").body("{\"status\": \"DONE\"}").patch(path)
                .then().statusCode(200).body("status", equalTo("DONE"));
    }

    @Test
    void invalidEditsAreNamedAndChangeNothing() {
        String path = create("Keep me", Map.of("dueDate", "2030-01-02"));
        Map<String, Object> nullTitle = new HashMap<>();
        nullTitle.put("title", null);

        refuseEdit(path, nullTitle, "title");
        refuseEdit(path, Map.of("title", ""), "title");
        refuseEdit(path, Map.of("title", 42), "title");
        refuseEdit(path, Map.of("status", "FINISHED"), "status");
        refuseEdit(path, Map.of("status", "done"), "status");
        refuseEdit(path, Map.of("dueDate", "2030-13-01"), "dueDate");
        refuseEdit(path, Map.of("sourceUrl", "mailto:bob@example.com"), "sourceUrl");
        refuseEdit(path, Map.of("title", "Changed", "owner", "bob"), "owner");
        ada.api().contentType("application/json").body("{\"status\": ").patch(path).then().statusCode(400);
        ada.api().contentType("application/json").patch(path).then().statusCode(400).contentType("application/problem+json");
        ada.api().contentType("application/json").body("[\"DONE\"]").patch(path).then().statusCode(400)
                .body("detail", equalTo("The request body is JSON of the wrong shape: send a JSON object."));
        ada.api().contentType("text/plain").body("DONE").patch(path).then().statusCode(415);

        ada.api().get(path).then().statusCode(200)
                .body("title", equalTo("Keep me"))
                .body("status", equalTo("OPEN"))
                .body("dueDate", equalTo("2030-01-02"));
    }

    @Test
    void anotherUsersWorkspaceAndActionsDoNotExist() {
        ApiUser eve = ApiUser.signedUp("Eve");
        String adas = create("Private", Map.of());
        String evesView = ada.actionsPath();

        eve.api().get(evesView).then().statusCode(404).contentType("application/problem+json");
        eve.api().get(adas).then().statusCode(404);
        eve.api().contentType("application/json").body(Map.of("title", "Injected")).post(evesView).then().statusCode(404);
        eve.api().contentType("application/json").body(Map.of("status", "DONE")).patch(adas).then().statusCode(404);
        // Ada's action through Eve's own workspace is no better.
        String actionId = adas.substring(adas.lastIndexOf('/') + 1);
        eve.api().get(eve.actionsPath() + "/" + actionId).then().statusCode(404);
        eve.api().contentType("application/json").body(Map.of("status", "DONE")).patch(eve.actionsPath() + "/" + actionId).then().statusCode(404);

        ada.api().get("/api/v1/workspaces/not-a-uuid/actions").then().statusCode(404);
        ada.api().get("/api/v1/workspaces/" + UUID.randomUUID() + "/actions").then().statusCode(404);
        ada.api().get(ada.actionsPath() + "/" + UUID.randomUUID()).then().statusCode(404);
        ada.api().get(ada.actionsPath() + "/nope").then().statusCode(404);

        ada.api().get(adas).then().statusCode(200).body("title", equalTo("Private")).body("status", equalTo("OPEN"));
        assertThat(titles(ada.actionsPath())).containsExactly("Private");
    }

    @Test
    void pagesNewestFirstAcrossSeveralPagesKeepingTheFilter() {
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            created.add(0, "Action " + i);
            create("Action " + i, Map.of());
        }
        String done = create("Done one", Map.of());
        ada.api().contentType("application/json").body(Map.of("status", "DONE")).patch(done).then().statusCode(200);

        List<String> seen = new ArrayList<>();
        String next = ada.actionsPath() + "?status=OPEN&limit=3";
        int pages = 0;
        while (next != null) {
            ExtractableResponse<Response> page = ada.api().get(next).then().statusCode(200).extract();
            seen.addAll(page.path("items.title"));
            String link = page.header("Link");
            String cursor = page.path("next");
            if (cursor == null) {
                assertThat(link).isNull();
                next = null;
            } else {
                assertThat(link).contains("rel=\"next\"").contains("status=OPEN").contains("limit=3").contains("cursor=" + cursor);
                next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);

        ada.api().get(ada.actionsPath() + "?status=open").then().statusCode(400).body("errors[0].field", equalTo("status"));
        ada.api().get(ada.actionsPath() + "?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        ada.api().get(ada.actionsPath() + "?limit=ten").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        ada.api().get(ada.actionsPath() + "?cursor=garbage").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void theDashboardSessionWorksSameOrigin() {
        ada.browser().request().contentType("application/json").body(Map.of("title", "From the dashboard")).post(ada.actionsPath())
                .then().statusCode(201).body("source", equalTo("API"));
        ada.browser().request().get(ada.actionsPath()).then().statusCode(200).body("items.title", hasItem("From the dashboard"));
    }

    private String create(String title, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.put("title", title);
        return ada.api().contentType("application/json").body(body).post(ada.actionsPath())
                .then().statusCode(201).extract().header("Location");
    }

    private void refuse(Map<String, Object> body, String field) {
        ada.api().contentType("application/json").body(body).post(ada.actionsPath())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("detail", containsString(field));
    }

    private void refuseEdit(String path, Map<String, Object> body, String field) {
        ada.api().contentType("application/json").body(body).patch(path)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("detail", containsString(field));
    }

    private List<String> titles(String path) {
        return ada.api().get(path).then().statusCode(200).extract().path("items.title");
    }
}
