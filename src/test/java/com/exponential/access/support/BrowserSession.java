package com.exponential.access.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cookie-keeping client that fills in forms the way a browser does, CSRF field included. */
public class BrowserSession {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    public final Map<String, String> cookies = new HashMap<>();

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** Signs up a new account (and is then logged in as it); returns the e-mail address used. */
    public static BrowserSession signedUp(String name) {
        BrowserSession browser = new BrowserSession();
        String email = uniqueEmail();
        browser.submit("/signup", "/signup", Map.of("name", name, "email", email, "password", "correct horse battery"))
                .then().statusCode(303);
        browser.email = email;
        return browser;
    }

    public String email;

    public RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies);
    }

    public Response get(String path) {
        return remember(request().get(path));
    }

    /** Opens the page that holds the form, then posts the fields with the page's CSRF token. */
    public Response submit(String formPage, String action, Map<String, String> fields) {
        String csrf = csrfTokenOn(formPage);
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("csrf-token", csrf);
        return post(action, withToken);
    }

    public Response post(String action, Map<String, String> fields) {
        return remember(request().contentType(ContentType.URLENC).formParams(fields).post(action));
    }

    public String csrfTokenOn(String page) {
        String html = get(page).then().statusCode(200).extract().asString();
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("No CSRF field on " + page);
        }
        return m.group(1);
    }

    private Response remember(Response response) {
        response.getDetailedCookies().asList().forEach(c -> {
            if (c.getValue() == null || c.getValue().isEmpty() || (c.hasMaxAge() && c.getMaxAge() == 0)) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
        return response;
    }
}
