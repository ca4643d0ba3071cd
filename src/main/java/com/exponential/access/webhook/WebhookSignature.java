package com.exponential.access.webhook;

import com.exponential.access.common.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/** Fireflies' webhook signature: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256(raw body, Hex Key)>}. */
public final class WebhookSignature {

    public static final String HEADER = "X-Hub-Signature";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** The header value Fireflies sends for this body and secret. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(Digests.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** Whether the header carries this body's signature; over the raw bytes and in constant time, so timing reveals nothing. */
    public static boolean matches(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = header.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
