package com.exponential.access.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database that cannot be reached is a passing condition: 503 with Retry-After, never 500 (the
 * whole outage is exercised against a real PostgreSQL by bench/resilience-database.sh).
 */
@QuarkusTest
class DatabaseOutageTest {

    @ParameterizedTest
    @ValueSource(strings = {"refused", "pool", "acquisition", "transient", "lost", "shutdown"})
    void connectionTroubleIsServiceUnavailableWithRetryAfter(String kind) {
        given().accept("application/json").get("/test-only/database-failure/" + kind).then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .body("status", equalTo(503))
                .body("title", equalTo("Service Unavailable"))
                .body(not(containsString("Exception")))
                .body(not(containsString("127.0.0.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"constraint", "bug"})
    void otherFailuresStayInternalErrors(String kind) {
        given().accept("application/json").get("/test-only/database-failure/" + kind).then()
                .statusCode(500)
                .header("Retry-After", nullValue())
                .body("status", equalTo(500));
    }

    @Test
    void recognisesWrappedCausesOnly() {
        org.assertj.core.api.Assertions.assertThat(DatabaseUnavailable.isCause(
                new RuntimeException(new jakarta.persistence.PersistenceException(new java.sql.SQLException("x", "08001"))))).isTrue();
        org.assertj.core.api.Assertions.assertThat(DatabaseUnavailable.isCause(new java.sql.SQLException("syntax", "42601"))).isFalse();
        org.assertj.core.api.Assertions.assertThat(DatabaseUnavailable.isCause(new RuntimeException("no cause"))).isFalse();
    }
}
