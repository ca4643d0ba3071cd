package com.exponential.access.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiDocumentationTest {

    private static final Map<String, List<String>> OPERATIONS = Map.of(
            "/api/v1/me", List.of("get"),
            "/api/v1/tokens", List.of("get", "post"),
            "/api/v1/tokens/{id}", List.of("delete"),
            "/api/v1/workspaces", List.of("get"),
            "/api/v1/workspaces/{workspaceId}/actions", List.of("get", "post"),
            "/api/v1/workspaces/{workspaceId}/actions/{actionId}", List.of("get", "patch"));

    @Test
    void everyApiOperationIsDocumentedWithBearerSecurityAndItsErrors() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();

        assertThat(doc.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(doc.getString("components.securitySchemes.bearer.bearerFormat")).isEqualTo("JWT");
        assertThat(doc.getMap("components.schemas")).containsKeys("Problem", "Action", "NewAction", "ActionChanges", "Workspace");
        assertThat(doc.getMap("components.schemas.Action.properties")).doesNotContainKeys("sourceKey", "persistent");

        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        OPERATIONS.forEach((path, methods) -> {
            assertThat(paths).containsKey(path);
            assertThat(paths.get(path)).containsKeys(methods.toArray(String[]::new));
        });
        // Every /api/v1 operation, also those added later, says how to authenticate and how it fails.
        paths.forEach((path, operations) -> {
            if (path.startsWith("/api/v1/")) {
                operations.keySet().stream().filter(m -> !m.equals("parameters")).forEach(method -> {
                    String op = "paths.'" + path + "'." + method;
                    assertThat(doc.getString(op + ".summary")).as(op + " summary").isNotBlank();
                    assertThat(doc.getList(op + ".security.bearer")).as(op + " security").isNotNull();
                    assertThat(doc.getMap(op + ".responses")).as(op + " responses").containsKeys("401", "429");
                });
            }
        });
        assertThat(doc.getMap("paths.'/api/v1/workspaces/{workspaceId}/actions'.post.responses"))
                .containsKeys("201", "400", "401", "404", "415", "429");
        assertThat(doc.getMap("paths.'/api/v1/workspaces/{workspaceId}/actions'.post.responses.'201'.headers"))
                .containsKeys("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");
        assertThat(doc.getMap("components.responses.TooManyRequests.headers")).containsKey("Retry-After");
        assertThat(doc.getMap("paths.'/api/v1/workspaces/{workspaceId}/actions'.post.requestBody.content.'application/json'.examples"))
                .isNotEmpty();
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
