package com.exponential.access.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A dashboard form refused by the CSRF check (missing or outdated token) gets a page that says what
 * happened and how to go on, instead of the check's bare 400 with an empty body.
 */
public class ExpiredForms {

    /** Paths that answer machines, not people: their refusals stay as they are. */
    private static final Set<String> NOT_PAGES = Set.of("/api/", "/webhooks/", "/q/");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(String back);
    }

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (response.getStatus() != 400 || response.hasEntity() || !"POST".equals(request.getMethod())
                || NOT_PAGES.stream().anyMatch(path::startsWith)) {
            return;
        }
        response.setEntity(Templates.page(back(path)).render(), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /** Where the refused form was: the form posts to its own page, or to a page below /tokens. */
    private static String back(String path) {
        if (path.startsWith("/tokens")) {
            return "/tokens";
        }
        if (path.startsWith("/workflows")) {
            return "/workflows";
        }
        if (path.equals("/logout")) {
            return "/tokens";
        }
        return path.equals("/signup") ? "/signup" : "/login";
    }
}
