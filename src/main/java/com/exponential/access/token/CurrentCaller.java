package com.exponential.access.token;

import com.exponential.access.common.AuthenticationException;
import com.exponential.access.common.ProblemException;
import com.exponential.access.user.SessionService;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;

/**
 * Who calls the JSON API in this request: a Bearer JWT when the Authorization header is present
 * (and then only that), otherwise the dashboard session cookie of a same-origin page.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    HttpServerRequest request;

    @Inject
    BearerAuthenticator bearer;

    @Inject
    SessionService sessions;

    private ApiCaller caller;

    /** The caller, or a 401 problem. */
    public ApiCaller require() {
        if (caller == null) {
            caller = resolve();
        }
        return caller;
    }

    /**
     * The caller, if a Bearer token answers from memory alone (see
     * {@link BearerAuthenticator#authenticateFromMemory}); empty means "ask {@link #require}", which
     * may read the database. Never throws, never blocks.
     */
    public Optional<ApiCaller> requireFromMemory() {
        if (caller != null) {
            return Optional.of(caller);
        }
        String authorization = request.getHeader("Authorization");
        Optional<ApiCaller> known = authorization == null ? Optional.empty()
                : bearer.authenticateFromMemory(authorization, request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        known.ifPresent(c -> caller = c);
        return known;
    }

    /** The caller, who must come with the dashboard session: API tokens cannot mint tokens. */
    public ApiCaller requireSession() {
        ApiCaller who = require();
        if (!who.viaSession()) {
            throw new ProblemException(403, "Forbidden",
                    "Tokens can only be created from the dashboard, not with an API token: a leaked token cannot mint others.");
        }
        return who;
    }

    private ApiCaller resolve() {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return bearer.authenticate(authorization, request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        }
        Cookie cookie = request.getCookie(SessionService.COOKIE);
        if (cookie != null) {
            var user = sessions.resolve(cookie.getValue());
            if (user.isPresent()) {
                requireSameOrigin();
                return new ApiCaller(user.get().id, null);
            }
        }
        throw new AuthenticationException("A Bearer token is required: Authorization: Bearer <jwt>.", false);
    }

    /** Cookie-authenticated changes must come from our own pages, never from another site's script. */
    private void requireSameOrigin() {
        HttpMethod method = request.method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            String host = request.getHeader("Host");
            String originHost;
            try {
                originHost = URI.create(origin).getAuthority();
            } catch (IllegalArgumentException e) {
                originHost = null;
            }
            if (originHost == null || !originHost.equalsIgnoreCase(host)) {
                throw new ProblemException(403, "Forbidden", "Cross-site requests with the session cookie are not allowed; use a Bearer token.");
            }
        }
    }
}
