package com.exponential.access.ratelimit;

import com.exponential.access.common.Problem;
import com.exponential.access.common.ProblemMappers;
import com.exponential.access.token.ApiCaller;
import com.exponential.access.token.CurrentCaller;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Authenticates every /api/v1 call that reached an operation, counts it against the caller's limit
 * (per token, or per user for dashboard-session calls), refuses it with 429 past the limit, and puts
 * X-RateLimit-* headers on every answer to an authenticated call, errors included.
 */
public class RateLimitFilter {

    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";
    private static final String DECISION = RateLimitFilter.class.getName();

    @Inject
    CurrentCaller caller;

    @Inject
    RateLimiter limiter;

    @Inject
    ManagedExecutor workers;

    // Runs after the route matched (unknown paths are 404 without a token), on the operation's thread:
    // a worker thread for most operations; the event loop for the few that answer from memory
    // (/api/v1/me), where it counts from memory too or moves the same checks to a worker thread.
    @ServerRequestFilter
    public Uni<Response> count(ContainerRequestContext request) {
        if (!isApi(request)) {
            return Uni.createFrom().nullItem();
        }
        if (BlockingOperationControl.isBlockingAllowed()) {
            return Uni.createFrom().item(decide(request, caller.require()));
        }
        Optional<ApiCaller> known = caller.requireFromMemory();
        if (known.isPresent()) {
            if (!limiter.enabled()) {
                return Uni.createFrom().nullItem();
            }
            Optional<RateLimiter.Decision> decision = limiter.countFromMemory(counted(known.get()));
            if (decision.isPresent()) {
                return Uni.createFrom().item(apply(request, decision.get()));
            }
        }
        return Uni.createFrom().item(() -> decide(request, caller.require())).runSubscriptionOn(workers);
    }

    private Response decide(ContainerRequestContext request, ApiCaller who) {
        return apply(request, limiter.count(counted(who)));
    }

    private static UUID counted(ApiCaller who) {
        return who.viaSession() ? who.userId() : who.tokenId();
    }

    /** Null to let the request through; a 429 past the limit. */
    private static Response apply(ContainerRequestContext request, RateLimiter.Decision decision) {
        if (decision == null) {
            return null;
        }
        request.setProperty(DECISION, decision);
        if (decision.allowed()) {
            return null;
        }
        long retryAfter = decision.retryAfterSeconds(Instant.now());
        Response refusal = ProblemMappers.respond(new Problem("about:blank", "Too Many Requests", 429,
                "This token made more than " + decision.limit() + " requests in the current window; the limit resets in " + retryAfter + " seconds.",
                request.getUriInfo().getPath(), null));
        return Response.fromResponse(refusal).header("Retry-After", retryAfter).build();
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle(LIMIT, decision.limit());
            headers.putSingle(REMAINING, decision.remaining());
            headers.putSingle(RESET, decision.resetEpochSecond());
        }
    }

    private static boolean isApi(ContainerRequestContext request) {
        return request.getUriInfo().getPath().startsWith("/api/v1/");
    }
}
