// A stand-in for the Fireflies GraphQL API, for the resilience scripts (loopback only).
// Usage: java bench/FakeFireflies.java PORT DELAY_MS
// Answers the key check (user query) at once and the transcript query after DELAY_MS, so that
// processing is in flight for a while; every transcript has two action items. GET /calls answers
// how many transcript queries were served.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class FakeFireflies {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final AtomicLong calls = new AtomicLong();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/calls", exchange -> respond(exchange, 200, String.valueOf(calls.get())));
        server.createContext("/graphql", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!body.contains("transcript")) {
                respond(exchange, 200, "{\"data\":{\"user\":{\"email\":\"bench@example.com\"}}}");
                return;
            }
            Matcher id = ID.matcher(body.substring(body.indexOf("variables")));
            String transcriptId = id.find() ? id.group(1) : "unknown";
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.incrementAndGet();
            respond(exchange, 200, """
                    {"data":{"transcript":{"id":"%s","title":"Meeting %s","date":1767225600000,"duration":30.5,
                    "participants":["ada@example.com"],"sentences":[{"index":0,"speaker_name":"Ada","text":"Hello.","start_time":0,"end_time":1}],
                    "summary":{"overview":"Planned.","keywords":["plan"],"action_items":"**Ada**\\nWrite the plan (00:10)\\nSend the notes (00:20)"}}}}
                    """.formatted(transcriptId, transcriptId));
        });
        server.start();
        System.out.println("fake Fireflies on 127.0.0.1:" + port + ", transcript delay " + delay + " ms");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
