package com.exponential.access.action;

import com.exponential.access.common.ProblemException;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A partial edit of an action (JSON merge-patch semantics): a field that is absent stays as it is, a
 * field sent as null is cleared (title cannot be cleared), anything else replaces the value.
 */
@Schema(description = "Fields to change; absent fields stay as they are, null clears description, sourceUrl or dueDate.")
public record ActionChanges(
        @Schema(description = "OPEN to reopen, DONE to mark done") Action.Status status,
        @Schema(maxLength = ActionFields.MAX_TITLE, description = "Trimmed; cannot be cleared") String title,
        @Schema(maxLength = ActionFields.MAX_DESCRIPTION, nullable = true) String description,
        @Schema(maxLength = ActionFields.MAX_URL, nullable = true, description = "Absolute http or https URL") String sourceUrl,
        @Schema(nullable = true) LocalDate dueDate,
        @JsonIgnore @Schema(hidden = true) Set<String> present) {

    private static final Set<String> FIELDS = Set.of("status", "title", "description", "sourceUrl", "dueDate");

    /** Whether the client sent this field (possibly as null). */
    public boolean has(String field) {
        return present.contains(field);
    }

    /** Reads and checks a JSON object, naming every unknown or invalid field in one 400 problem. */
    public static ActionChanges parse(ObjectNode body) {
        if (body == null) {
            throw ProblemException.badRequest("A JSON object with the fields to change is required.");
        }
        ActionFields check = new ActionFields();
        Set<String> present = new HashSet<>();
        Action.Status status = null;
        String title = null;
        String description = null;
        String sourceUrl = null;
        LocalDate dueDate = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!FIELDS.contains(name)) {
                check.reject(name, "is not a field of an action");
                continue;
            }
            present.add(name);
            if (!value.isNull() && !value.isTextual()) {
                check.reject(name, "must be a string");
                continue;
            }
            String text = value.isNull() ? null : value.textValue();
            switch (name) {
                case "status" -> status = check.status(text);
                case "title" -> title = check.title(text);
                case "description" -> description = check.description(text);
                case "sourceUrl" -> sourceUrl = check.sourceUrl(text);
                default -> dueDate = check.dueDate(text);
            }
        }
        check.throwIfInvalid();
        return new ActionChanges(status, title, description, sourceUrl, dueDate, Set.copyOf(present));
    }
}
