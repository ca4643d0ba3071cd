package com.exponential.access.common;

import java.util.List;

/** Thrown by services and resources to answer with a problem-details error of a given status. */
public class ProblemException extends RuntimeException {

    public final int status;
    public final String title;
    public final List<Problem.FieldError> errors;
    /** Seconds for a Retry-After header, or null for none. */
    public final Integer retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        this(status, title, detail, errors, null);
    }

    private ProblemException(int status, String title, String detail, List<Problem.FieldError> errors, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A passing overload: 503 with Retry-After. */
    public static ProblemException busy(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "Service Unavailable", detail, null, retryAfterSeconds);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not Found", what + " was not found.");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "Bad Request", "The field '" + field + "' is invalid: " + message,
                List.of(new Problem.FieldError(field, message)));
    }
}
