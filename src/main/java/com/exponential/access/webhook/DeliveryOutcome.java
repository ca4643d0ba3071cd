package com.exponential.access.webhook;

/** Reason codes of the delivery log: what became of each inbound webhook call. */
public enum DeliveryOutcome {
    ACCEPTED("Accepted"),
    DUPLICATE("Duplicate (answered with the first delivery)"),
    TEST_PING("Fireflies test ping"),
    BAD_SIGNATURE("Missing or wrong signature"),
    UNKNOWN_TOKEN("Unknown Hex Key"),
    TOKEN_INACTIVE("Hex Key expired or revoked"),
    TOO_LARGE("Body over 1 MiB"),
    MALFORMED("Not JSON or not a known payload");

    public final String label;

    DeliveryOutcome(String label) {
        this.label = label;
    }
}
