package com.exponential.access.web;

/** A page needs a logged-in user; answered with a redirect to the log-in page that returns here afterwards. */
public class LoginRequiredException extends RuntimeException {

    public final String returnTo;

    public LoginRequiredException(String returnTo) {
        super("login required", null, false, false);
        this.returnTo = returnTo;
    }
}
