package com.exponential.access.common;

/** A request to the API without valid credentials; answered 401 with a Bearer challenge (RFC 6750). */
public class AuthenticationException extends RuntimeException {

    /** False when no credentials were sent at all: then the challenge carries no error code. */
    public final boolean credentialsPresent;

    public AuthenticationException(String detail, boolean credentialsPresent) {
        super(detail, null, false, false);
        this.credentialsPresent = credentialsPresent;
    }

    public static AuthenticationException invalidToken(String detail) {
        return new AuthenticationException(detail, true);
    }
}
