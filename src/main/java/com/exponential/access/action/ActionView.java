package com.exponential.access.action;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An action as the API shows it. Every field is always present (null when unset), so clients see one shape. */
@Schema(name = "Action")
public record ActionView(
        UUID id,
        UUID workspaceId,
        @Schema(example = "Send the pricing deck to Dana") String title,
        @Schema(nullable = true) String description,
        @Schema(nullable = true, example = "https://example.com/deal/42") String sourceUrl,
        @Schema(nullable = true, example = "2030-07-01") LocalDate dueDate,
        Action.Status status,
        @Schema(description = "API, EXTENSION (request sent X-Exponential-Source: extension) or FIREFLIES (from a meeting)") Action.Source source,
        @Schema(nullable = true, description = "The user who created it; null for imported actions") UUID createdBy,
        @Schema(nullable = true, description = "The meeting it came from, for FIREFLIES actions") UUID meetingId,
        Instant createdAt,
        Instant updatedAt,
        @Schema(nullable = true) Instant completedAt) {

    public static ActionView of(Action a) {
        return new ActionView(a.id, a.workspaceId, a.title, a.description, a.sourceUrl, a.dueDate, a.status, a.source, a.createdBy,
                a.meetingId, a.createdAt, a.updatedAt, a.completedAt);
    }
}
