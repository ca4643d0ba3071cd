package com.exponential.access.fireflies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A fake Fireflies GraphQL API over real HTTP. Its behaviour is chosen by the data, so tests need no
 * shared state with it: API keys starting "ff-good" are valid, "ff-down" meets a 503, "ff-revoked-later"
 * passes the key check but is refused for transcripts; transcript ids starting "503x2-", "429x1-" or
 * "nf2-" fail that many times first, "down-" always answers 503. GET /hits/{id} counts transcript calls.
 */
public class FakeFireflies implements QuarkusTestResourceLifecycleManager {

    static final String ACTION_ITEMS = "**Ada Lovelace**\nSend the deck to the client (01:05)\nBook the room\n\n**Bob**\n- Review the pull request (12:30)\n";

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/graphql", this::graphql);
        server.createContext("/hits/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/hits/".length());
            respond(exchange, 200, String.valueOf(hits.getOrDefault(id, new AtomicInteger()).get()), null);
        });
        server.start();
        return Map.of("exponential.fireflies.api-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/graphql");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** How often the app asked for this transcript. */
    public static int hits(String transcriptId) {
        String api = ConfigProvider.getConfig().getValue("exponential.fireflies.api-url", String.class);
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(api.replace("/graphql", "/hits/" + transcriptId))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Integer.parseInt(answer.body().trim());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void graphql(HttpExchange exchange) throws IOException {
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            request = JSON.readTree(in);
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String key = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
        String query = request.path("query").asText();
        if (key.startsWith("ff-down")) {
            respond(exchange, 503, "Service Unavailable", null);
            return;
        }
        boolean valid = key.startsWith("ff-good") || key.startsWith("ff-revoked-later");
        if (!valid || (key.startsWith("ff-revoked-later") && query.contains("transcript("))) {
            respond(exchange, 401, "{\"data\":null,\"errors\":[{\"message\":\"Invalid API key\",\"code\":\"auth_failed\",\"friendly\":true,"
                    + "\"extensions\":{\"code\":\"auth_failed\",\"status\":401}}]}", null);
            return;
        }
        if (!query.contains("transcript(")) {
            respond(exchange, 200, "{\"data\":{\"user\":{\"email\":\"ada@example.com\"}}}", null);
            return;
        }
        String id = request.path("variables").path("id").asText();
        int call = hits.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (id.startsWith("down-") || (id.startsWith("503x2-") && call <= 2)) {
            respond(exchange, 503, "{\"errors\":[{\"message\":\"unavailable\"}]}", null);
        } else if (id.startsWith("429x1-") && call <= 1) {
            respond(exchange, 429, "{\"errors\":[{\"message\":\"Too many requests\",\"code\":\"too_many_requests\"}]}", "0");
        } else if (id.startsWith("nf2-") && call <= 2) {
            respond(exchange, 200, "{\"data\":{\"transcript\":null},\"errors\":[{\"message\":\"Transcript not found\",\"code\":\"object_not_found\","
                    + "\"extensions\":{\"code\":\"object_not_found\",\"status\":404}}]}", null);
        } else {
            Map<String, Object> transcript = Map.of(
                    "id", id,
                    "title", "Weekly sync " + id,
                    "date", 1_767_225_600_000L,
                    "duration", 42.5,
                    "participants", List.of("ada@example.com", "bob@example.com"),
                    "sentences", List.of(
                            Map.of("index", 0, "speaker_name", "Ada", "text", "Let us plan.", "start_time", 0.5, "end_time", 2.0),
                            Map.of("index", 1, "speaker_name", "Bob", "text", "Agreed.", "start_time", 2.1, "end_time", 3.0)),
                    "summary", Map.of("overview", "We planned the launch.", "keywords", List.of("launch", "plan"), "action_items", ACTION_ITEMS));
            respond(exchange, 200, JSON.writeValueAsString(Map.of("data", Map.of("transcript", transcript))), null);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
