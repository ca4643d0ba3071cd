// Posts signed Fireflies deliveries (v1 "Transcription completed", one new meeting id each) from a
// few threads, bounded by a count or a duration; records every answer and prints a summary.
// Usage: java bench/WebhookLoad.java BASE_URLS TOKEN_ID HEX_KEY PREFIX LIMIT THREADS OUT_FILE [PAUSE_MS]
//   BASE_URLS  comma-separated (http://127.0.0.1:18091,...): request i goes to BASE_URLS[i % n]
//   LIMIT      "200" (that many deliveries) or "15s" (as many as fit in 15 seconds)
//   OUT_FILE   one line per request: seq meeting_id http_status delivery_id latency_ms
//              (status 0: no answer - connection refused, reset or timed out after 10 s)
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class WebhookLoad {

    private static final Pattern DELIVERY = Pattern.compile("\"deliveryId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    record Answer(int seq, String meetingId, int status, String deliveryId, long millis) {
    }

    public static void main(String[] args) throws Exception {
        String[] bases = args[0].split(",");
        String tokenId = args[1];
        String hexKey = args[2];
        String prefix = args[3];
        String limit = args[4];
        int threads = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);
        long pause = args.length > 7 ? Long.parseLong(args[7]) : 0;
        boolean timed = limit.endsWith("s");
        long count = timed ? Long.MAX_VALUE : Long.parseLong(limit);
        long deadline = timed ? System.nanoTime() + Long.parseLong(limit.substring(0, limit.length() - 1)) * 1_000_000_000L : Long.MAX_VALUE;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        Mac prototype = Mac.getInstance("HmacSHA256");
        prototype.init(new SecretKeySpec(hexKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    Mac mac = (Mac) prototype.clone();
                    while (System.nanoTime() < deadline) {
                        int seq = next.getAndIncrement();
                        if (seq >= count) {
                            return;
                        }
                        String meetingId = prefix + "-" + seq;
                        String body = "{\"meetingId\":\"" + meetingId + "\",\"eventType\":\"Transcription completed\"}";
                        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
                        HttpRequest request = HttpRequest.newBuilder(URI.create(bases[seq % bases.length] + "/webhooks/fireflies/" + tokenId))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .header("X-Hub-Signature", signature)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                        long start = System.nanoTime();
                        int status = 0;
                        String deliveryId = "-";
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            status = response.statusCode();
                            Matcher m = DELIVERY.matcher(response.body());
                            if (m.find()) {
                                deliveryId = m.group(1);
                            }
                        } catch (java.io.IOException e) {
                            status = 0;
                        }
                        answers.add(new Answer(seq, meetingId, status, deliveryId, (System.nanoTime() - start) / 1_000_000));
                        if (pause > 0) {
                            Thread.sleep(pause);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        Map<Integer, Integer> byStatus = new TreeMap<>();
        long maxMillis = 0;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            for (Answer a : answers.stream().sorted((x, y) -> Integer.compare(x.seq(), y.seq())).toList()) {
                w.println(a.seq() + " " + a.meetingId() + " " + a.status() + " " + a.deliveryId() + " " + a.millis());
                byStatus.merge(a.status(), 1, Integer::sum);
                maxMillis = Math.max(maxMillis, a.millis());
            }
        }
        System.out.println("sent=" + answers.size() + " by_status=" + byStatus + " max_latency_ms=" + maxMillis);
    }
}
