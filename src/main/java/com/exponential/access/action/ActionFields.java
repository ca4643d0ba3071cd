package com.exponential.access.action;

import com.exponential.access.common.Problem;
import com.exponential.access.common.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Checks and normalises the fields of an action sent by a client. It collects every problem, so one
 * 400 answer names all the invalid fields, and nothing is stored until all of them are valid.
 */
final class ActionFields {

    static final int MAX_TITLE = 500;
    static final int MAX_DESCRIPTION = 10_000;
    static final int MAX_URL = 2048;

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** Required, trimmed, at most 500 characters. */
    String title(String raw) {
        if (raw == null || raw.isBlank()) {
            return reject("title", "is required");
        }
        String title = raw.strip();
        if (title.length() > MAX_TITLE) {
            return reject("title", "must be at most " + MAX_TITLE + " characters");
        }
        return title;
    }

    /** Optional; blank means none. */
    String description(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String description = raw.strip();
        if (description.length() > MAX_DESCRIPTION) {
            return reject("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    /** Optional; an absolute http or https URL with a host, such as the page an extension captured. */
    String sourceUrl(String raw) {
        if (raw == null) {
            return null;
        }
        String url = raw.strip();
        if (url.length() > MAX_URL) {
            return reject("sourceUrl", "must be at most " + MAX_URL + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null && !uri.getRawAuthority().isBlank()) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        return reject("sourceUrl", "must be an absolute http or https URL");
    }

    /** Optional; an ISO-8601 calendar date. */
    LocalDate dueDate(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            return reject("dueDate", "must be a date as YYYY-MM-DD");
        }
    }

    Action.Status status(String raw) {
        for (Action.Status status : Action.Status.values()) {
            if (status.name().equals(raw)) {
                return status;
            }
        }
        return reject("status", "must be OPEN or DONE");
    }

    /** For fields whose JSON value has the wrong type, or that are not fields of an action at all. */
    <T> T reject(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return null;
    }

    /** A 400 problem naming every invalid field, if there is any. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")) + ".";
            throw new ProblemException(400, "Bad Request", "Invalid fields: " + detail, List.copyOf(errors));
        }
    }
}
