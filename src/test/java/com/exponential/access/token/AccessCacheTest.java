package com.exponential.access.token;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.exponential.access.support.ApiTokens;
import com.exponential.access.support.BrowserSession;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-replica cache of live tokens and profiles: changes made anywhere (here: plain SQL, as another
 * replica or an operator would) reach it through NOTIFY, and without its listener nothing is trusted.
 */
@QuarkusTest
class AccessCacheTest {

    @Inject
    AccessCache cache;

    @Inject
    AgroalDataSource database;

    @BeforeEach
    void listenerIsUp() {
        await().atMost(Duration.ofSeconds(15)).until(cache::isListening);
    }

    @Test
    void aRevocationByAnotherReplicaReachesThisOneThroughTheDatabase() throws Exception {
        String jwt = ApiTokens.jwt(BrowserSession.signedUp("Cached"));
        UUID id = UUID.fromString((String) JwtForge.claimsOf(jwt).get("jti"));
        given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(200);
        given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(200);

        sql("update api_token set revoked_at = now() where id = ?", id);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(401));
    }

    @Test
    void withoutItsListenerTheCacheIsBypassedAndTheDatabaseDecides() throws Exception {
        String jwt = ApiTokens.jwt(BrowserSession.signedUp("Unlistened"));
        UUID id = UUID.fromString((String) JwtForge.claimsOf(jwt).get("jti"));
        given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(200);

        sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?", AccessCache.APPLICATION_NAME);
        await().atMost(Duration.ofSeconds(10)).until(() -> !cache.isListening());
        // No notification can arrive now, yet the very next request sees the revocation.
        sql("update api_token set revoked_at = now() where id = ?", id);
        given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(401);

        await().atMost(Duration.ofSeconds(15)).until(cache::isListening);
        String fresh = ApiTokens.jwt(BrowserSession.signedUp("Relistened"));
        given().auth().oauth2(fresh).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void aNewMembershipShowsInMeWithoutWaitingForAnyExpiry() throws Exception {
        BrowserSession browser = BrowserSession.signedUp("Joiner");
        String jwt = ApiTokens.jwt(browser);
        UUID userId = UUID.fromString((String) JwtForge.claimsOf(jwt).get("sub"));
        given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(200).body("workspaces.size()", equalTo(1));

        UUID workspace = UUID.randomUUID();
        sql("insert into workspace (id, name, created_at) values (?, 'Team', now())", workspace);
        sql("insert into membership (id, user_id, workspace_id, role, created_at) values (?, ?, ?, 'MEMBER', now())",
                UUID.randomUUID(), userId, workspace);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(200).body("workspaces.size()", equalTo(2)));

        sql("delete from membership where user_id = ? and workspace_id = ?", userId, workspace);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(200).body("workspaces.size()", equalTo(1)));
    }

    private void sql(String statement, Object... parameters) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement s = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.execute();
        }
    }
}
