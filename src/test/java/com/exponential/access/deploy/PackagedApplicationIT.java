package com.exponential.access.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.exponential.access.support.BrowserSession;
import com.exponential.access.support.PackagedApplication;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (the jar, or the native executable with -Dnative) as Kubernetes runs
 * it: production profile, secrets from outside. A person signs up through the HTML forms, mints a
 * JWT, and a script uses it until it is revoked.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedApplication.class)
class PackagedApplicationIT {

    @Test
    void signUpMintJwtCallApiAndRevoke() {
        BrowserSession browser = BrowserSession.signedUp("Grace Hopper");
        String token = browser.request().contentType("application/json")
                .body(Map.of("name", "deploy check", "type", "JWT", "expiresIn", "1h"))
                .post("/api/v1/tokens")
                .then().statusCode(201).extract().path("token");
        String id = given().auth().oauth2(token).get("/api/v1/tokens")
                .then().statusCode(200).body("items.name", hasItem("deploy check")).extract().path("items[0].id");

        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200)
                .body("email", equalTo(browser.email))
                .body("name", equalTo("Grace Hopper"))
                .body("workspaces", hasSize(1))
                .body("workspaces[0].role", equalTo("OWNER"));

        given().auth().oauth2(token).delete("/api/v1/tokens/" + id).then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", notNullValue());
    }

    @Test
    void publishesTheVerificationKeyAndAStartupCheck() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys", hasSize(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0]", not(hasKey("d")));
        // The Deployment's startupProbe.
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void pagesCarrySecurityHeaders() {
        given().get("/login").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff");
    }
}
