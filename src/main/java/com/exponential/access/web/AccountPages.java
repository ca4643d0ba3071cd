package com.exponential.access.web;

import com.exponential.access.common.ExponentialConfig;
import com.exponential.access.user.SessionService;
import com.exponential.access.user.User;
import com.exponential.access.user.UserService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** Sign-up, log-in and log-out pages. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final String HOME = "/tokens";

    @Inject
    UserService users;

    @Inject
    SessionService sessions;

    @Inject
    Visitor visitor;

    @Inject
    ExponentialConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signup(String name, String email, FormErrors errors);

        static native TemplateInstance login(String email, String next, String error);

        static native TemplateInstance logout();
    }

    @GET
    public Response home() {
        return PageRedirects.seeOther(visitor.loggedIn() ? HOME : "/login");
    }

    @GET
    @Path("signup")
    public TemplateInstance signupForm() {
        return Templates.signup("", "", new FormErrors());
    }

    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signup(@RestForm String name, @RestForm String email, @RestForm String password) {
        FormErrors errors = new FormErrors();
        String cleanName = errors.requireText("name", name, "Name", 100);
        String cleanEmail = errors.requireText("email", email, "E-mail", 254);
        if (!errors.has("email") && !EMAIL.matcher(cleanEmail).matches()) {
            errors.add("email", "Enter a valid e-mail address, like name@example.com.");
        }
        if (password == null || password.length() < UserService.MIN_PASSWORD_LENGTH) {
            errors.add("password", "Password must be at least " + UserService.MIN_PASSWORD_LENGTH + " characters.");
        } else if (password.getBytes(StandardCharsets.UTF_8).length > UserService.MAX_PASSWORD_LENGTH) {
            errors.add("password", "Password must be at most " + UserService.MAX_PASSWORD_LENGTH + " bytes.");
        }
        if (!errors.any()) {
            try {
                User user = users.signUp(cleanName, cleanEmail, password);
                return loggedIn(user, HOME);
            } catch (UserService.EmailTakenException e) {
                errors.add("email", "An account with this e-mail address already exists. Log in instead?");
            }
        }
        return Response.status(422).entity(Templates.signup(cleanName, cleanEmail, errors)).build();
    }

    @GET
    @Path("login")
    public Response loginForm(@RestQuery String next) {
        if (visitor.loggedIn()) {
            return PageRedirects.seeOther(HOME);
        }
        return Response.ok(Templates.login("", PageRedirects.isLocalPath(next) ? next : "", "")).build();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@RestForm String email, @RestForm String password, @RestForm String next) {
        String target = PageRedirects.isLocalPath(next) ? next : HOME;
        return users.authenticate(email, password)
                .map(user -> loggedIn(user, target))
                .orElseGet(() -> Response.status(401)
                        .entity(Templates.login(email == null ? "" : email.trim(), PageRedirects.isLocalPath(next) ? next : "",
                                "That e-mail and password do not match an account."))
                        .build());
    }

    @GET
    @Path("logout")
    public Response logoutForm() {
        return visitor.loggedIn() ? Response.ok(Templates.logout()).build() : PageRedirects.seeOther("/login");
    }

    @POST
    @Path("logout")
    public Response logout() {
        sessions.end(visitor.cookieValue());
        return Response.seeOther(java.net.URI.create("/login")).cookie(sessionCookie("", 0)).build();
    }

    private Response loggedIn(User user, String target) {
        String value = sessions.start(user);
        return Response.seeOther(java.net.URI.create(target)).cookie(sessionCookie(value, sessions.maxAgeSeconds())).build();
    }

    private NewCookie sessionCookie(String value, int maxAge) {
        return new NewCookie.Builder(SessionService.COOKIE)
                .value(value)
                .path("/")
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(config.secureCookies())
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
