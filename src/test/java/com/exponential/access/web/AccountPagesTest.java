package com.exponential.access.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import com.exponential.access.support.BrowserSession;
import com.exponential.access.user.User;
import com.exponential.access.workspace.Membership;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountPagesTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void signUpCreatesAccountAndPersonalWorkspaceAndLogsIn() {
        BrowserSession browser = new BrowserSession();
        String email = "Mixed.Case-" + System.nanoTime() + "@Example.com";
        Response answer = browser.submit("/signup", "/signup", Map.of("name", "Ada Lovelace", "email", email, "password", PASSWORD));

        answer.then().statusCode(303).header("Location", containsString("/tokens"));
        String cookie = answer.getDetailedCookie("exp_session").toString();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        browser.get("/tokens").then().statusCode(200).body(containsString("Ada Lovelace"));

        User user = User.findByEmail(email).orElseThrow();
        assertThat(user.email).isEqualTo(email.toLowerCase());
        assertThat(user.passwordHash).startsWith("$2").doesNotContain(PASSWORD);
        assertThat(Membership.ofUser(user.id)).singleElement()
                .satisfies(m -> assertThat(m.role).isEqualTo(Membership.Role.OWNER));
    }

    @Test
    void duplicateEmailInAnyCaseIsRefusedAndKeepsTheForm() {
        BrowserSession first = BrowserSession.signedUp("First");
        BrowserSession second = new BrowserSession();
        second.submit("/signup", "/signup", Map.of("name", "Second", "email", first.email.toUpperCase(), "password", PASSWORD))
                .then().statusCode(422)
                .body(containsString("already exists"))
                .body(containsString("value=\"Second\""))
                .body(not(containsString(PASSWORD)));
        assertThat(User.count("lower(email) = ?1", first.email)).isEqualTo(1);
    }

    @Test
    void invalidSignUpShowsEachProblemAndCreatesNothing() {
        String email = "not-an-address-" + System.nanoTime();
        new BrowserSession().submit("/signup", "/signup", Map.of("name", "  ", "email", email, "password", "short"))
                .then().statusCode(422)
                .body(containsString("Name is required."))
                .body(containsString("Enter a valid e-mail address"))
                .body(containsString("at least 12 characters"))
                .body(containsString("value=\"" + email + "\""));
        assertThat(User.findByEmail(email)).isEmpty();
    }

    @Test
    void overlongNameIsRefused() {
        String email = BrowserSession.uniqueEmail();
        new BrowserSession().submit("/signup", "/signup", Map.of("name", "x".repeat(101), "email", email, "password", PASSWORD))
                .then().statusCode(422).body(containsString("at most 100 characters"));
        assertThat(User.findByEmail(email)).isEmpty();
    }

    @Test
    void userTextIsEscaped() {
        BrowserSession browser = BrowserSession.signedUp("<script>alert(1)</script>");
        browser.get("/tokens").then().statusCode(200)
                .body(not(containsString("<script>alert(1)</script>")))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void logInIsCaseInsensitiveAndReturnsToTheRequestedPage() {
        BrowserSession account = BrowserSession.signedUp("Grace");
        BrowserSession browser = new BrowserSession();
        browser.get("/tokens").then().statusCode(303).header("Location", endsWith("/login?next=%2Ftokens"));

        browser.submit("/login?next=/tokens", "/login", Map.of("email", account.email.toUpperCase(), "password", PASSWORD, "next", "/tokens"))
                .then().statusCode(303).header("Location", endsWith("/tokens"));
        browser.get("/tokens").then().statusCode(200).body(containsString("Grace"));
    }

    @Test
    void logInNeverRedirectsToAnotherSite() {
        BrowserSession account = BrowserSession.signedUp("Careful");
        new BrowserSession().submit("/login", "/login", Map.of("email", account.email, "password", PASSWORD, "next", "//evil.example/steal"))
                .then().statusCode(303).header("Location", endsWith("/tokens"));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        BrowserSession account = BrowserSession.signedUp("Alan");
        String wrongPassword = new BrowserSession().submit("/login", "/login", Map.of("email", account.email, "password", "wrong password!!"))
                .then().statusCode(401).extract().asString();
        String unknownEmail = new BrowserSession().submit("/login", "/login", Map.of("email", BrowserSession.uniqueEmail(), "password", "wrong password!!"))
                .then().statusCode(401).extract().asString();
        assertThat(wrongPassword).contains("do not match an account").doesNotContain("wrong password!!");
        assertThat(unknownEmail).contains("do not match an account");
    }

    @Test
    void logOutEndsTheSessionOnTheServer() {
        BrowserSession browser = BrowserSession.signedUp("Linus");
        String stolenCookie = browser.cookies.get("exp_session");
        browser.submit("/tokens", "/logout", Map.of()).then().statusCode(303).header("Location", endsWith("/login"));

        browser.get("/tokens").then().statusCode(303);
        // A copy of the old cookie is worthless too: the session is gone server-side.
        given().redirects().follow(false).cookie("exp_session", stolenCookie).get("/tokens").then().statusCode(303);
    }

    @Test
    void formsWithoutCsrfTokenAreRefused() {
        String email = BrowserSession.uniqueEmail();
        BrowserSession browser = new BrowserSession();
        browser.get("/signup");
        browser.post("/signup", Map.of("name", "Mallory", "email", email, "password", PASSWORD))
                .then().statusCode(400)
                // A page that says what happened, not an empty answer.
                .contentType(containsString("text/html"))
                .body(containsString("This form has expired"), containsString("href=\"/signup\""));
        assertThat(User.findByEmail(email)).isEmpty();

        BrowserSession victim = BrowserSession.signedUp("Victim");
        victim.post("/logout", Map.of()).then().statusCode(400).body(containsString("This form has expired"));
        victim.get("/tokens").then().statusCode(200);
    }

    @Test
    void pagesRequireLogIn() {
        for (String page : new String[] {"/tokens", "/", "/logout"}) {
            given().redirects().follow(false).get(page).then().statusCode(303).header("Location", containsString("/login"));
        }
        given().redirects().follow(false).cookie("exp_session", "forged-value").get("/tokens").then().statusCode(303);
    }

    @Test
    void pagesSendSecurityHeaders() {
        given().get("/login").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .body(not(containsString("<script>")));
    }
}
