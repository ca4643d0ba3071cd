package com.exponential.access.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * A Fireflies webhook body, in either format: v1 {@code {meetingId, eventType: "Transcription completed",
 * clientReferenceId?}} or v2 {@code {event, timestamp, meeting_id, client_reference_id?}}. Both name the
 * transcribed event the same ("meeting.transcribed"), so a v1 and a v2 call for one meeting are one delivery.
 */
public record FirefliesPayload(String event, String meetingId, String clientReferenceId) {

    public static final String TEST = "test";
    public static final String TRANSCRIBED = "meeting.transcribed";
    public static final String SUMMARIZED = "meeting.summarized";
    public static final String BOT_JOINED = "meeting.bot_joined";
    private static final int MAX_ID = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body was signed but is not JSON or not a shape we know. */
    public static class MalformedException extends Exception {
        public MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    public boolean isTestPing() {
        return TEST.equals(event);
    }

    /** Whether the event brings a transcript to fetch (bot_joined only says a meeting started). */
    public boolean needsTranscript() {
        return TRANSCRIBED.equals(event) || SUMMARIZED.equals(event);
    }

    /** Only for unsigned calls: Fireflies' set-up test ping is the one body we look at without a signature. */
    public static boolean isUnsignedTestPing(byte[] body) {
        if (body.length > 4096) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() && TEST.equals(node.path("event").asText(null));
        } catch (IOException e) {
            return false;
        }
    }

    /** The payload, or empty when parse would refuse it (the caller then takes the path that explains why). */
    public static Optional<FirefliesPayload> parseIfWellFormed(byte[] body) {
        try {
            return Optional.of(parse(body));
        } catch (MalformedException e) {
            return Optional.empty();
        }
    }

    public static FirefliesPayload parse(byte[] body) throws MalformedException {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedException("The body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedException("The body must be a JSON object.");
        }
        if (node.hasNonNull("event")) {
            String event = text(node, "event");
            if (TEST.equals(event)) {
                return new FirefliesPayload(TEST, null, null);
            }
            if (!TRANSCRIBED.equals(event) && !SUMMARIZED.equals(event) && !BOT_JOINED.equals(event)) {
                throw new MalformedException("Unknown event '" + shorten(event) + "'; expected meeting.transcribed, meeting.summarized or meeting.bot_joined.");
            }
            if (node.has("timestamp") && !node.get("timestamp").isNumber()) {
                throw new MalformedException("The field 'timestamp' must be a number of milliseconds.");
            }
            return new FirefliesPayload(event, id(node, "meeting_id"), optionalId(node, "client_reference_id"));
        }
        if (node.hasNonNull("eventType")) {
            String eventType = text(node, "eventType");
            if (!"Transcription completed".equals(eventType)) {
                throw new MalformedException("Unknown eventType '" + shorten(eventType) + "'; expected 'Transcription completed'.");
            }
            return new FirefliesPayload(TRANSCRIBED, id(node, "meetingId"), optionalId(node, "clientReferenceId"));
        }
        throw new MalformedException("Not a Fireflies payload: expected 'event' (v2) or 'eventType' (v1).");
    }

    private static String text(JsonNode node, String field) throws MalformedException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedException("The field '" + field + "' must be a string.");
        }
        return value.asText();
    }

    private static String id(JsonNode node, String field) throws MalformedException {
        if (!node.hasNonNull(field)) {
            throw new MalformedException("The field '" + field + "' is required.");
        }
        String value = text(node, field).trim();
        if (value.isEmpty() || value.length() > MAX_ID) {
            throw new MalformedException("The field '" + field + "' must have 1 to " + MAX_ID + " characters.");
        }
        return value;
    }

    private static String optionalId(JsonNode node, String field) throws MalformedException {
        return node.hasNonNull(field) ? id(node, field) : null;
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
