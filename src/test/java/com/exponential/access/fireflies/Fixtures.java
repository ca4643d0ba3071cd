package com.exponential.access.fireflies;

import static io.restassured.RestAssured.given;

import com.exponential.access.support.BrowserSession;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A signed-up user with a Hex Key, and helpers to send Fireflies webhooks the way Fireflies does. */
public class Fixtures {

    public final BrowserSession browser;
    public final String tokenId;
    public final String hexKey;
    public final String workspaceId;

    private Fixtures(BrowserSession browser, String tokenId, String hexKey, String workspaceId) {
        this.browser = browser;
        this.tokenId = tokenId;
        this.hexKey = hexKey;
        this.workspaceId = workspaceId;
    }

    public static Fixtures userWithHexKey() {
        BrowserSession browser = BrowserSession.signedUp("Fireflies User");
        Response created = browser.request().contentType("application/json")
                .body(Map.of("name", "Fireflies", "type", "HEX", "expiresIn", "30d")).post("/api/v1/tokens");
        created.then().statusCode(201);
        String workspace = browser.request().get("/api/v1/me").then().statusCode(200).extract().path("workspaces[0].id");
        return new Fixtures(browser, created.path("id"), created.path("token"), workspace);
    }

    /** A user whose Fireflies set-up is complete, with a key Fireflies accepts. */
    public static Fixtures setUp() {
        Fixtures f = userWithHexKey();
        f.saveSetup("ff-good-" + UUID.randomUUID()).then().statusCode(303);
        return f;
    }

    public Response saveSetup(String apiKey) {
        return browser.submit("/workflows", "/workflows/fireflies", Map.of("apiKey", apiKey, "tokenId", tokenId, "workspaceId", workspaceId));
    }

    public String jwt() {
        return browser.request().contentType("application/json")
                .body(Map.of("name", "api", "type", "JWT", "expiresIn", "1h")).post("/api/v1/tokens")
                .then().statusCode(201).extract().path("token");
    }

    public Response sendSigned(String body) {
        return given().contentType("application/json").header("X-Hub-Signature", sign(hexKey, body)).body(body)
                .post("/webhooks/fireflies/" + tokenId);
    }

    public static String v1(String meetingId) {
        return "{\"meetingId\":\"" + meetingId + "\",\"eventType\":\"Transcription completed\",\"clientReferenceId\":\"ref-1\"}";
    }

    public static String v2(String event, String meetingId) {
        return "{\"event\":\"" + event + "\",\"timestamp\":1767225600000,\"meeting_id\":\"" + meetingId + "\"}";
    }

    /** HMAC-SHA256 over the body with the Hex Key, computed here independently of the application's code. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
