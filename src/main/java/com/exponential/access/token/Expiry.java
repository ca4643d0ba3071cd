package com.exponential.access.token;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The only lifetimes a token may have; expiry can never be extended afterwards. */
public enum Expiry {
    ONE_HOUR("1h", Duration.ofHours(1), "1 hour"),
    ONE_DAY("24h", Duration.ofHours(24), "24 hours"),
    ONE_WEEK("7d", Duration.ofDays(7), "7 days"),
    THIRTY_DAYS("30d", Duration.ofDays(30), "30 days"),
    NINETY_DAYS("90d", Duration.ofDays(90), "90 days");

    public final String code;
    public final Duration duration;
    public final String label;

    Expiry(String code, Duration duration, String label) {
        this.code = code;
        this.duration = duration;
        this.label = label;
    }

    public static Optional<Expiry> fromCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst();
    }

    public static String allowed() {
        return "1h, 24h, 7d, 30d or 90d";
    }
}
