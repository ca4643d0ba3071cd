package com.exponential.access.fireflies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The Fireflies GraphQL API over HTTP, with every answer sorted into what the caller must do next:
 * use it, retry later, or ask the user for a new key. The user's API key never appears in a result.
 */
@ApplicationScoped
public class FirefliesClient {

    static final String TRANSCRIPT_QUERY = """
            query Transcript($id: String!) {
              transcript(id: $id) {
                id title date duration participants
                sentences { index speaker_name text start_time end_time }
                summary { overview keywords action_items }
              }
            }""";
    static final String USER_QUERY = "query { user { email } }";

    /** What came back from Fireflies. */
    public sealed interface Result permits Found, NotFound, Rejected, Retry, Failed {
    }

    /** The data asked for. */
    public record Found(JsonNode data) implements Result {
    }

    /** Fireflies does not (yet) have the transcript: worth retrying shortly after the event. */
    public record NotFound(String reason) implements Result {
    }

    /** Fireflies refused the API key. */
    public record Rejected(String reason) implements Result {
    }

    /** A passing problem (network, 5xx, rate limit); retryAfter when Fireflies said how long to wait. */
    public record Retry(String reason, Optional<Duration> retryAfter) implements Result {
    }

    /** A lasting problem that retrying will not fix. */
    public record Failed(String reason) implements Result {
    }

    private final FirefliesConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    FirefliesClient(FirefliesConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The transcript's fields (title, date, duration, participants, sentences, summary). */
    public Result transcript(String apiKey, String transcriptId) {
        ObjectNode variables = json.createObjectNode().put("id", transcriptId);
        Result result = call(apiKey, TRANSCRIPT_QUERY, variables);
        if (result instanceof Found found) {
            JsonNode transcript = found.data().path("transcript");
            return transcript.isObject() ? new Found(transcript) : new NotFound("Fireflies has no transcript " + transcriptId + " (yet).");
        }
        return result;
    }

    /** Checks an API key with the smallest query there is. */
    public Result checkKey(String apiKey) {
        return call(apiKey, USER_QUERY, null);
    }

    private Result call(String apiKey, String query, ObjectNode variables) {
        ObjectNode body = json.createObjectNode().put("query", query);
        if (variables != null) {
            body.set("variables", variables);
        }
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(config.apiUrl()))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Retry("Could not reach Fireflies (" + e.getClass().getSimpleName() + ").", Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Retry("Interrupted while calling Fireflies.", Optional.empty());
        } catch (IllegalArgumentException e) {
            return new Failed("The Fireflies API URL is not valid.");
        }
        int status = response.statusCode();
        JsonNode answer = parse(response.body());
        String code = errorCode(answer);
        if (status == 401 || status == 403 || code.contains("auth") || code.contains("api_key") || code.equals("forbidden")
                || code.equals("unauthenticated") || code.equals("unauthorized")) {
            return new Rejected("Fireflies rejected the API key.");
        }
        if (status == 429 || code.contains("too_many_requests") || code.contains("rate_limit")) {
            return new Retry("Fireflies rate limit reached (429).", retryAfter(response));
        }
        if (status >= 500) {
            return new Retry("Fireflies answered " + status + ".", retryAfter(response));
        }
        if (code.contains("not_found")) {
            return new NotFound("Fireflies has no such transcript (yet).");
        }
        if (status != 200 || answer == null) {
            return new Failed("Fireflies answered " + status + (answer == null ? " without JSON." : "."));
        }
        if (!code.isEmpty()) {
            return new Failed("Fireflies answered with the error '" + code + "'.");
        }
        return new Found(answer.path("data"));
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The first GraphQL error's code (top level or in extensions), lower-cased; empty when there is none. */
    private static String errorCode(JsonNode answer) {
        if (answer == null || !answer.path("errors").isArray() || answer.path("errors").isEmpty()) {
            return "";
        }
        JsonNode error = answer.path("errors").get(0);
        String code = error.path("code").asText(error.path("extensions").path("code").asText(""));
        if (code.isEmpty()) {
            code = "error";
        }
        return code.toLowerCase(Locale.ROOT);
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
