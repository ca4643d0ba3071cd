package com.exponential.access.web;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns "log-in required" on a page into a 303 to /login that comes back afterwards. */
public class PageRedirects {

    @ServerExceptionMapper
    public Response loginRequired(LoginRequiredException e) {
        String next = isLocalPath(e.returnTo) ? "?next=" + URLEncoder.encode(e.returnTo, StandardCharsets.UTF_8) : "";
        return Response.seeOther(URI.create("/login" + next)).build();
    }

    /** Only paths on this site may be redirect targets, never another host ("//evil.example"). */
    public static boolean isLocalPath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")
                && !path.equals("/login") && !path.equals("/logout") && path.length() < 500;
    }

    public static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
