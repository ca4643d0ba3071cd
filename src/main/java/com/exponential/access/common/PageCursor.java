package com.exponential.access.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Position in a newest-first list (keyset pagination): every list of the API pages with
 * ?limit=&cursor= and answers the next cursor, so pages stay stable while items are added.
 */
public record PageCursor(Instant createdAt, UUID id) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public String encode() {
        long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or null for the first page; anything else is a 400 naming the field. */
    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
            long micros = Long.parseLong(parts[0]);
            return new PageCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L),
                    UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "not a cursor returned by this API");
        }
    }

    /** The limit query parameter as sent: a number that is not one is a 400 naming the field, never a 404. */
    public static int limit(String requested) {
        if (requested == null || requested.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            return limit(Integer.valueOf(requested.strip()));
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
