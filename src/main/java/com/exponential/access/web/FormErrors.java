package com.exponential.access.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** Messages for invalid form fields, keyed by field name, in the order the form shows them. */
public class FormErrors {

    private final Map<String, String> messages = new LinkedHashMap<>();

    public FormErrors add(String field, String message) {
        messages.putIfAbsent(field, message);
        return this;
    }

    /** Adds the message when the value is blank or longer than max characters; returns the trimmed value. */
    public String requireText(String field, String value, String label, int max) {
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty()) {
            add(field, label + " is required.");
        } else if (trimmed.length() > max) {
            add(field, label + " must be at most " + max + " characters.");
        }
        return trimmed;
    }

    public boolean any() {
        return !messages.isEmpty();
    }

    public boolean has(String field) {
        return messages.containsKey(field);
    }

    public String get(String field) {
        return messages.getOrDefault(field, "");
    }
}
