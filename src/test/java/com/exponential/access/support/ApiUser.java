package com.exponential.access.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** A signed-up user with a fresh JWT Token and their personal workspace: the usual caller of the Bearer API. */
public record ApiUser(BrowserSession browser, String token, UUID tokenId, UUID userId, UUID workspaceId) {

    public static ApiUser signedUp(String name) {
        BrowserSession browser = BrowserSession.signedUp(name);
        var created = browser.request().contentType("application/json")
                .body(Map.of("name", "script", "type", "JWT", "expiresIn", "1h"))
                .post("/api/v1/tokens").then().statusCode(201).extract();
        String token = created.path("token");
        var me = given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(200).extract();
        return new ApiUser(browser, token, UUID.fromString(created.path("id")), UUID.fromString(me.path("id")),
                UUID.fromString(me.path("workspaces[0].id")));
    }

    /** A request carrying this user's token. */
    public RequestSpecification api() {
        return given().redirects().follow(false).header("Authorization", "Bearer " + token);
    }

    /** Another JWT Token of the same user. */
    public String anotherToken() {
        return browser.request().contentType("application/json")
                .body(Map.of("name", "another", "type", "JWT", "expiresIn", "1h"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
    }

    public String actionsPath() {
        return "/api/v1/workspaces/" + workspaceId + "/actions";
    }
}
