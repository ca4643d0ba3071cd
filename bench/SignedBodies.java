import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes signed Fireflies deliveries for wrk (bench/webhook.lua), one per line:
 * {@code sha256=<hex HMAC-SHA256(body, Hex Key)> TAB <body>}, each with a meeting id of its own so none
 * is a duplicate. Run with the JDK's single-file launcher:
 *
 *   java bench/SignedBodies.java HEX_KEY MEETING_PREFIX COUNT OUTPUT_FILE
 */
public class SignedBodies {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java SignedBodies.java HEX_KEY MEETING_PREFIX COUNT OUTPUT_FILE");
            System.exit(2);
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(args[0].getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        long timestamp = System.currentTimeMillis();
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                String body = "{\"event\":\"meeting.transcribed\",\"timestamp\":" + (timestamp + i) + ",\"meeting_id\":\"" + prefix + "-" + i
                        + "\",\"client_reference_id\":\"bench-" + (i % 100) + "\"}";
                String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
                out.write(signature);
                out.write('\t');
                out.write(body);
                out.write('\n');
            }
        }
    }
}
