package com.exponential.access.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final byte[] BODY = ("{\"meetingId\":\"ASxwZxCstx\",\"eventType\":\"Transcription completed\","
            + "\"clientReferenceId\":\"be582c46-4ac9-4565-9ba6-6ab4264496a8\"}").getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "sha256=4c575b8985109057f675000cfb34b21fb7ea86d2e5adf1c6cfd1d3c4b663c6ac";

    @Test
    void matchesTheKnownVector() {
        assertThat(WebhookSignature.sign(SECRET, BODY)).isEqualTo(EXPECTED);
        assertThat(WebhookSignature.matches(SECRET, BODY, EXPECTED)).isTrue();
        assertThat(WebhookSignature.matches(SECRET, BODY, EXPECTED.toUpperCase().replace("SHA256", "sha256"))).isTrue();
    }

    @Test
    void refusesTamperingAndOtherKeys() {
        byte[] tampered = BODY.clone();
        tampered[15] = 'X';
        assertThat(WebhookSignature.matches(SECRET, tampered, EXPECTED)).isFalse();
        assertThat(WebhookSignature.matches("fedcba9876543210fedcba9876543210", BODY, EXPECTED)).isFalse();
        assertThat(WebhookSignature.matches(SECRET, BODY, EXPECTED.substring("sha256=".length()))).isFalse();
        assertThat(WebhookSignature.matches(SECRET, BODY, "sha1=" + EXPECTED.substring(7))).isFalse();
        assertThat(WebhookSignature.matches(SECRET, BODY, null)).isFalse();
        assertThat(WebhookSignature.matches(SECRET, BODY, "")).isFalse();
    }
}
