package com.exponential.access.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A token's metadata as the API shows it: never its value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenView(UUID id, String name, String description, ApiToken.Type type, Instant createdAt, Instant expiresAt,
        String status, Instant lastUsedAt, String lastUsedFrom, String hint) {

    public static final String ACTIVE = "Active";
    public static final String EXPIRED = "Expired";

    public static TokenView of(ApiToken t, Instant now) {
        return new TokenView(t.id, t.name, t.description, t.type, t.createdAt, t.expiresAt,
                t.isExpired(now) ? EXPIRED : ACTIVE, t.lastUsedAt, t.lastUsedFrom, t.hint);
    }
}
