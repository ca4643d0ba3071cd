package com.exponential.access.web;

import com.exponential.access.user.SessionService;
import com.exponential.access.user.User;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;

/** The person behind the current browser request, resolved once from the session cookie. */
@RequestScoped
@Named("visitor")
public class Visitor {

    @Inject
    HttpServerRequest request;

    @Inject
    SessionService sessions;

    private Optional<User> user;

    public Optional<User> user() {
        if (user == null) {
            user = sessions.resolve(cookieValue());
        }
        return user;
    }

    /** The logged-in user, or a redirect to the log-in page. */
    public User require() {
        return user().orElseThrow(() -> new LoginRequiredException(request.path()));
    }

    /** For the layout: the name shown in the navigation, empty when nobody is logged in. */
    public String name() {
        return user().map(u -> u.name).orElse("");
    }

    public boolean loggedIn() {
        return user().isPresent();
    }

    String cookieValue() {
        Cookie cookie = request.getCookie(SessionService.COOKIE);
        return cookie == null ? null : cookie.getValue();
    }
}
