package com.exponential.access.support;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;

/** Creates tokens the way the dashboard does (session-only JSON call) for tests of the API. */
public final class ApiTokens {

    private ApiTokens() {
    }

    public static Response create(BrowserSession browser, String type, String expiresIn, String name) {
        return browser.request().contentType(ContentType.JSON)
                .body(Map.of("name", name, "type", type, "expiresIn", expiresIn, "description", "made by a test"))
                .post("/api/v1/tokens");
    }

    /** A fresh JWT of a new user; returns the value. */
    public static String jwt(BrowserSession browser) {
        return create(browser, "JWT", "1h", "test token").then().statusCode(201).extract().path("token");
    }
}
