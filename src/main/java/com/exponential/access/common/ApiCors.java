package com.exponential.access.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * CORS for /api/v1 only: browser extensions call from their own origins with Bearer tokens. Any
 * origin is allowed, and never with credentials, so a page elsewhere can never ride a session cookie.
 */
public class ApiCors {

    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Exponential-Source";
    private static final String EXPOSED_HEADERS = "Location, Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset";

    @ServerRequestFilter(preMatching = true)
    public Response preflight(ContainerRequestContext request) {
        if (isApi(request) && "OPTIONS".equals(request.getMethod()) && request.getHeaderString("Origin") != null) {
            return Response.noContent()
                    .header("Access-Control-Allow-Origin", "*")
                    .header("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS")
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", "600")
                    .build();
        }
        return null;
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (isApi(request) && request.getHeaderString("Origin") != null) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", "*");
            response.getHeaders().putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    private static boolean isApi(ContainerRequestContext request) {
        return request.getUriInfo().getPath().startsWith("/api/v1");
    }
}
