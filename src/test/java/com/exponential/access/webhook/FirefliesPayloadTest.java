package com.exponential.access.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FirefliesPayloadTest {

    private static FirefliesPayload parse(String body) throws FirefliesPayload.MalformedException {
        return FirefliesPayload.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsBothFormatsAsTheSameEvent() throws Exception {
        assertThat(parse("{\"meetingId\":\"m1\",\"eventType\":\"Transcription completed\",\"clientReferenceId\":\"r\"}"))
                .isEqualTo(new FirefliesPayload("meeting.transcribed", "m1", "r"));
        assertThat(parse("{\"event\":\"meeting.transcribed\",\"timestamp\":1767225600000,\"meeting_id\":\"m1\"}"))
                .isEqualTo(new FirefliesPayload("meeting.transcribed", "m1", null));
        assertThat(parse("{\"event\":\"meeting.summarized\",\"timestamp\":1,\"meeting_id\":\"m1\",\"client_reference_id\":\"c\"}").needsTranscript()).isTrue();
        assertThat(parse("{\"event\":\"meeting.bot_joined\",\"timestamp\":1,\"meeting_id\":\"m1\"}").needsTranscript()).isFalse();
        assertThat(parse("{\"event\":\"test\",\"anything\":1}").isTestPing()).isTrue();
    }

    @Test
    void refusesWhatIsNotAKnownShape() {
        for (String body : new String[] {"not json", "[1,2]", "{}", "{\"event\":\"meeting.deleted\",\"meeting_id\":\"m\"}",
                "{\"event\":\"meeting.transcribed\"}", "{\"event\":\"meeting.transcribed\",\"meeting_id\":42}",
                "{\"eventType\":\"Something else\",\"meetingId\":\"m\"}", "{\"eventType\":\"Transcription completed\"}",
                "{\"event\":\"meeting.transcribed\",\"meeting_id\":\"" + "x".repeat(101) + "\"}"}) {
            assertThatThrownBy(() -> parse(body)).as(body).isInstanceOf(FirefliesPayload.MalformedException.class);
        }
    }

    @Test
    void recognisesOnlyATestPingWithoutSignature() {
        assertThat(FirefliesPayload.isUnsignedTestPing("{\"event\":\"test\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(FirefliesPayload.isUnsignedTestPing("{\"event\":\"meeting.transcribed\",\"meeting_id\":\"m\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(FirefliesPayload.isUnsignedTestPing("nope".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
