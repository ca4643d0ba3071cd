package com.exponential.access.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.exponential.access.support.BrowserSession;
import com.exponential.access.token.ApiToken;
import com.exponential.access.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokensPageTest {

    private static final Pattern TOKEN_VALUE = Pattern.compile("id=\"token-value\">([^<]+)<");
    private static final Pattern CREATION_KEY = Pattern.compile("name=\"creationKey\" value=\"([^\"]+)\"");

    @Test
    void createHexKeyShowsValueAndWebhookUrlOnceThenListsMetadataOnly() {
        BrowserSession browser = BrowserSession.signedUp("Dashboard");
        Response reveal = browser.submit("/tokens/new", "/tokens",
                Map.of("name", "Fireflies Webhook", "type", "HEX", "expiresIn", "90d", "description", "for meetings"));
        reveal.then().statusCode(200).header("Cache-Control", "no-store")
                .body(containsString("will not be shown again"))
                .body(containsString("id=\"webhook-url\">http://localhost:8080/webhooks/fireflies/"));
        String value = valueOn(reveal.asString());
        assertThat(value).matches("[0-9a-f]{32}");

        String list = browser.get("/tokens").then().statusCode(200).extract().asString();
        assertThat(list).contains("Fireflies Webhook").contains("Hex Key").contains("for meetings").contains("Active")
                .contains("data-token-id=\"").contains("…" + value.substring(28)).doesNotContain(value);
    }

    @Test
    void createJwtRevealsAWorkingToken() {
        BrowserSession browser = BrowserSession.signedUp("Jwt Page");
        Response reveal = browser.submit("/tokens/new", "/tokens", Map.of("name", "Script", "type", "JWT", "expiresIn", "1h", "description", ""));
        String jwt = valueOn(reveal.then().statusCode(200).body(not(containsString("webhook-url"))).extract().asString());
        io.restassured.RestAssured.given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void submittingTheSameFormTwiceMintsOneToken() {
        BrowserSession browser = BrowserSession.signedUp("Reloader");
        String form = browser.get("/tokens/new").then().statusCode(200).extract().asString();
        Matcher key = CREATION_KEY.matcher(form);
        assertThat(key.find()).isTrue();
        Map<String, String> fields = new HashMap<>(Map.of("name", "Once", "type", "JWT", "expiresIn", "7d", "creationKey", key.group(1)));
        fields.put("csrf-token", browser.csrfTokenOn("/tokens/new"));
        String first = browser.post("/tokens", fields).then().statusCode(200).extract().asString();
        String second = browser.post("/tokens", fields).then().statusCode(409).body(containsString("already created")).extract().asString();
        assertThat(second).doesNotContain(valueOn(first));
        assertThat(tokenCount(browser.email)).isEqualTo(1);
    }

    @Test
    void invalidFormKeepsWhatWasTypedAndCreatesNothing() {
        BrowserSession browser = BrowserSession.signedUp("Typo");
        browser.submit("/tokens/new", "/tokens", Map.of("name", "", "type", "JWT", "expiresIn", "2h", "description", "kept text"))
                .then().statusCode(422)
                .body(containsString("Name is required."))
                .body(containsString("Expires In must be one of"))
                .body(containsString("kept text"));
        browser.submit("/tokens/new", "/tokens", Map.of("name", "x", "type", "RSA", "expiresIn", "1h"))
                .then().statusCode(422).body(containsString("Type must be HEX or JWT."));
        assertThat(tokenCount(browser.email)).isZero();
    }

    @Test
    void namesWithHtmlAreEscaped() {
        BrowserSession browser = BrowserSession.signedUp("Escaper");
        browser.submit("/tokens/new", "/tokens", Map.of("name", "<img src=x onerror=alert(1)>", "type", "HEX", "expiresIn", "1h",
                "description", "<b>bold</b>")).then().statusCode(200);
        browser.get("/tokens").then().statusCode(200)
                .body(not(containsString("<img src=x")))
                .body(containsString("&lt;img src=x onerror=alert(1)&gt;"))
                .body(containsString("&lt;b&gt;bold&lt;/b&gt;"));
    }

    @Test
    void revokeRemovesTheRowAndNeedsCsrf() {
        BrowserSession browser = BrowserSession.signedUp("Revoker");
        browser.submit("/tokens/new", "/tokens", Map.of("name", "Doomed", "type", "JWT", "expiresIn", "1h")).then().statusCode(200);
        UUID id = onlyTokenId(browser.email);

        browser.post("/tokens/" + id + "/revoke", Map.of()).then().statusCode(400);
        browser.get("/tokens").then().body(containsString("data-token-id=\"" + id + "\""));

        String next = browser.submit("/tokens", "/tokens/" + id + "/revoke", Map.of()).then().statusCode(303).extract().header("Location");
        browser.get(next.substring(next.indexOf("/tokens"))).then().statusCode(200).body(containsString("Token revoked")).body(not(containsString(id.toString())));
    }

    @Test
    void anotherUsersTokenCannotBeRevokedFromThePage() {
        BrowserSession owner = BrowserSession.signedUp("Page Owner");
        owner.submit("/tokens/new", "/tokens", Map.of("name", "Mine", "type", "HEX", "expiresIn", "1h")).then().statusCode(200);
        UUID id = onlyTokenId(owner.email);
        BrowserSession stranger = BrowserSession.signedUp("Page Stranger");
        stranger.submit("/tokens", "/tokens/" + id + "/revoke", Map.of()).then().statusCode(404);
        owner.get("/tokens").then().body(containsString(id.toString()));
    }

    @Test
    void expiredTokensShowAsExpired() {
        BrowserSession browser = BrowserSession.signedUp("Expired Page");
        browser.submit("/tokens/new", "/tokens", Map.of("name", "Old", "type", "HEX", "expiresIn", "1h")).then().statusCode(200);
        UUID id = onlyTokenId(browser.email);
        QuarkusTransaction.requiringNew().run(() -> ApiToken.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(60), id));
        browser.get("/tokens").then().body(containsString("badge expired\">Expired"));
    }

    @Test
    void longListsArePaged() {
        BrowserSession browser = BrowserSession.signedUp("Many");
        UUID userId = QuarkusTransaction.requiringNew().call(() -> User.findByEmail(browser.email).orElseThrow().id);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < TokensPage.PAGE_SIZE + 5; i++) {
                ApiToken t = new ApiToken();
                t.userId = userId;
                t.name = "bulk-" + i;
                t.type = ApiToken.Type.JWT;
                t.createdAt = Instant.now().minusSeconds(1000 - i);
                t.expiresAt = Instant.now().plusSeconds(3600);
                t.hint = "abcd";
                t.persist();
            }
        });
        String first = browser.get("/tokens").then().statusCode(200).extract().asString();
        assertThat(first).contains("bulk-" + (TokensPage.PAGE_SIZE + 4)).doesNotContain("bulk-0<").contains("Older");
        Matcher next = Pattern.compile("href=\"/tokens\\?cursor=([^\"]+)\"").matcher(first);
        assertThat(next.find()).isTrue();
        browser.get("/tokens?cursor=" + next.group(1)).then().statusCode(200)
                .body(containsString("bulk-0<")).body(containsString("bulk-4<")).body(not(containsString("bulk-5<")));
    }

    private static String valueOn(String html) {
        Matcher m = TOKEN_VALUE.matcher(html);
        assertThat(m.find()).as("token-value element").isTrue();
        return m.group(1).trim();
    }

    private static long tokenCount(String email) {
        return QuarkusTransaction.requiringNew().call(() -> ApiToken.count("userId", User.findByEmail(email).orElseThrow().id));
    }

    private static UUID onlyTokenId(String email) {
        return QuarkusTransaction.requiringNew().call(() ->
                ApiToken.<ApiToken>find("userId", User.findByEmail(email).orElseThrow().id).singleResult().id);
    }
}
