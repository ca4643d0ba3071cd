package com.exponential.access.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every /api/v1 operation has in common, added to the OpenAPI document in one place: the Bearer
 * (JWT) security scheme and requirement, the 401 and 429 answers (415 where a body is taken), and the rate-limit
 * headers on every other answer.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiDocumentation implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final Map<String, String> RATE_LIMIT_HEADERS = Map.of(
            "X-RateLimit-Limit", "Requests allowed per window for this token (or dashboard session)",
            "X-RateLimit-Remaining", "Requests left in the current window",
            "X-RateLimit-Reset", "When the current window ends, in Unix epoch seconds");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSecurityScheme("bearer", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT Token created on the Tokens page: Authorization: Bearer <jwt>. Same-origin dashboard pages may use their session instead."));
        RATE_LIMIT_HEADERS.forEach((name, description) -> components.addHeader(name, OASFactory.createHeader()
                .description(description).schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))));
        components.addHeader("Retry-After", OASFactory.createHeader().description("Seconds until the rate limit resets")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        components.addResponse("Unauthorized", problem("No token, or a token that is invalid, expired or revoked. "
                + "WWW-Authenticate: Bearer error=\"invalid_token\" says why.", ApiExamples.UNAUTHORIZED)
                .addHeader("WWW-Authenticate", OASFactory.createHeader().description("Bearer challenge (RFC 6750)")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
        APIResponse tooMany = problem("The rate limit of this token is used up until X-RateLimit-Reset", ApiExamples.TOO_MANY_REQUESTS)
                .addHeader("Retry-After", OASFactory.createHeader().ref("Retry-After"));
        components.addResponse("TooManyRequests", withRateLimitHeaders(tooMany));
        components.addResponse("UnsupportedMediaType", problem("The body is not application/json", ApiExamples.UNSUPPORTED_MEDIA_TYPE));

        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/v1/")) {
                document(item);
            }
        });
    }

    private static void document(PathItem item) {
        for (Operation operation : item.getOperations().values()) {
            if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
                operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
            }
            if (operation.getResponses() == null) {
                operation.setResponses(OASFactory.createAPIResponses());
            }
            operation.getResponses().getAPIResponses().values().forEach(ApiDocumentation::withRateLimitHeaders);
            operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse().ref("Unauthorized"));
            operation.getResponses().addAPIResponse("429", OASFactory.createAPIResponse().ref("TooManyRequests"));
            if (operation.getRequestBody() != null) {
                operation.getResponses().addAPIResponse("415", OASFactory.createAPIResponse().ref("UnsupportedMediaType"));
            }
        }
    }

    private static APIResponse withRateLimitHeaders(APIResponse response) {
        if (response.getRef() == null) {
            RATE_LIMIT_HEADERS.keySet().forEach(name -> response.addHeader(name, OASFactory.createHeader().ref(name)));
        }
        return response;
    }

    private static APIResponse problem(String description, String example) {
        Example sample = OASFactory.createExample().value(parse(example));
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)).addExample("example", sample);
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    /** Examples as JSON objects, so that Swagger UI shows them as documents rather than as strings. */
    private static Object parse(String json) {
        try {
            return new ObjectMapper().readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Invalid example in the API documentation", e);
        }
    }
}
