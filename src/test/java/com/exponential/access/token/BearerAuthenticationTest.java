package com.exponential.access.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.exponential.access.support.ApiTokens;
import com.exponential.access.support.BrowserSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a Bearer token can be wrong is a 401 problem with an invalid_token challenge, never a 500. */
@QuarkusTest
class BearerAuthenticationTest {

    private JwtForge forge;
    private BrowserSession browser;
    private String jwt;
    private Map<String, Object> claims;

    @BeforeEach
    void issueARealToken() throws Exception {
        forge = new JwtForge();
        browser = BrowserSession.signedUp("Bearer Tester");
        jwt = ApiTokens.jwt(browser);
        claims = JwtForge.claimsOf(jwt);
    }

    @Test
    void aValidTokenReachesTheApi() {
        call(jwt).statusCode(200).body("email", equalTo(browser.email)).body("workspaces.size()", equalTo(1));
    }

    @Test
    void issuedTokensCarryExactlyTheSpecifiedClaimsAndAKid() throws Exception {
        assertThat(claims).containsOnlyKeys("iss", "sub", "upn", "groups", "jti", "iat", "exp");
        assertThat(claims.get("iss")).isEqualTo("exponential");
        assertThat(claims.get("upn")).isEqualTo(browser.email);
        assertThat(claims.get("groups")).isEqualTo(List.of("api"));
        assertThat(JwtForge.headerOf(jwt)).containsEntry("alg", "RS256").containsEntry("kid", forge.appKid);
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", org.hamcrest.Matchers.hasItem(forge.appKid))
                .body("keys[0].kty", equalTo("RSA"))
                .body(not(containsString("\"d\"")));
    }

    @Test
    void noTokenIsAChallengeWithoutErrorCode() {
        given().get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"exponential\""));
    }

    @Test
    void revokedTokenFailsOnTheVeryNextRequest() {
        call(jwt).statusCode(200);
        browser.request().delete("/api/v1/tokens/" + claims.get("jti")).then().statusCode(204);
        refused(jwt, "revoked");
    }

    @Test
    void tokenCanRevokeItself() {
        given().auth().oauth2(jwt).delete("/api/v1/tokens/" + claims.get("jti")).then().statusCode(204);
        refused(jwt, "revoked");
    }

    @Test
    void tokenExpiredInTheDatabaseFailsEvenIfItsExpClaimIsLater() {
        QuarkusTransaction.requiringNew().run(() ->
                ApiToken.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), UUID.fromString((String) claims.get("jti"))));
        refused(jwt, "expired");
    }

    @Test
    void expiredSignatureIsRefused() {
        Map<String, Object> expired = new HashMap<>(claims);
        expired.put("iat", Instant.now().minusSeconds(7200).getEpochSecond());
        expired.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        refused(forge.sign(expired), "expired");
    }

    @Test
    void unknownJtiIsRefused() {
        Map<String, Object> unknown = new HashMap<>(claims);
        unknown.put("jti", UUID.randomUUID().toString());
        refused(forge.sign(unknown), "unknown");
    }

    @Test
    void missingJtiIsRefused() {
        Map<String, Object> missing = new HashMap<>(claims);
        missing.remove("jti");
        // The JWT builder fills in a random jti when none is given: either way no such token exists.
        refused(forge.sign(missing), "The token");
    }

    @Test
    void anotherUsersSubjectWithThisJtiIsRefused() {
        Map<String, Object> other = new HashMap<>(claims);
        other.put("sub", UUID.randomUUID().toString());
        refused(forge.sign(other), "unknown");
    }

    @Test
    void wrongIssuerIsRefused() {
        Map<String, Object> foreign = new HashMap<>(claims);
        foreign.put("iss", "someone-else");
        refused(forge.sign(foreign), "not issued by this service");
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() throws Exception {
        var other = JwtForge.newKeyPair();
        // Claiming our kid does not help: the signature is checked with our key.
        refused(JwtForge.sign(claims, other.getPrivate(), forge.appKid), "signature");
        refused(JwtForge.sign(claims, other.getPrivate(), "some-other-kid"), "key this service does not accept");
    }

    @Test
    void algNoneIsRefused() throws Exception {
        refused(JwtForge.unsigned(claims), "not a signed JWT");
    }

    @Test
    void hs256KeyedWithThePublicKeyIsRefused() {
        refused(forge.hs256WithPublicKey(claims), "RS256");
    }

    @Test
    void tamperedPayloadIsRefused() throws Exception {
        refused(JwtForge.tampered(jwt, "upn", "mallory@example.com"), "signature");
    }

    @Test
    void malformedClaimsAreRefusedNotCrashed() {
        Map<String, Object> malformed = new HashMap<>(claims);
        malformed.put("sub", "not-a-uuid");
        refused(forge.sign(malformed), "malformed");
        Map<String, Object> noGroups = new HashMap<>(claims);
        noGroups.put("groups", List.of("admin"));
        refused(forge.sign(noGroups), "does not grant API access");
    }

    @Test
    void garbageAndOtherSchemesAreRefused() {
        refused("not-a-jwt", "not a signed JWT");
        refused("a.b.c", "not a signed JWT");
        refused("x".repeat(5000), "not a JWT issued by this service");
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/me").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void hexKeyPresentedAsBearerIsRefused() {
        String hex = ApiTokens.create(browser, "HEX", "1h", "webhook").then().statusCode(201).extract().path("token");
        refused(hex, "not a signed JWT");
    }

    @Test
    void aBadBearerHeaderOnAPublicPageDoesNotBreakIt() {
        given().header("Authorization", "Bearer " + forge.hs256WithPublicKey(claims)).get("/login").then().statusCode(200);
        given().header("Authorization", "Bearer garbage").get("/q/health/live").then().statusCode(200);
    }

    @Test
    void lastUsedIsRecordedWithoutBlockingTheRequest() {
        call(jwt).statusCode(200);
        UUID id = UUID.fromString((String) claims.get("jti"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById(id).lastUsedAt)).isNotNull());
        browser.request().get("/api/v1/tokens").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.lastUsedFrom", org.hamcrest.Matchers.notNullValue());
    }

    private ValidatableResponse call(String token) {
        return given().auth().oauth2(token).get("/api/v1/me").then();
    }

    private void refused(String token, String reason) {
        call(token).statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("status", equalTo(401))
                .body("detail", containsString(reason))
                .body(not(containsString("Exception")));
    }
}
