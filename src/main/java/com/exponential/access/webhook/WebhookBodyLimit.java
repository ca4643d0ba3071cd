package com.exponential.access.webhook;

import com.exponential.access.common.Problem;
import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;

/**
 * Guards the webhook routes before a byte of the body is read: bodies over 1 MiB by their
 * Content-Length get a 413 problem document (counted in the delivery log; the platform's own
 * quarkus.http.limits.max-body-size still guards chunked bodies that announce no length), and HTML
 * form bodies a 415 one (webhooks are JSON; a form post would otherwise meet the dashboard's CSRF
 * check and get a bare 400).
 */
@ApplicationScoped
public class WebhookBodyLimit {

    private final DeliveryLog log;

    WebhookBodyLimit(DeliveryLog log) {
        this.log = log;
    }

    void install(@Observes Router router) {
        router.route("/webhooks/*").order(-100).handler(this::check);
        // Reads the (small) body on the event loop before the resource runs, so that no worker thread
        // waits on a blocking stream for bytes still in flight.
        router.route("/webhooks/*").order(-99).handler(BodyHandler.create(false).setBodyLimit(FirefliesWebhookResource.MAX_BODY));
        // An empty body leaves the body handler with no buffer at all, and the REST layer would then
        // wait for a body that never comes: give it an empty one, to be refused like any bad body.
        router.route("/webhooks/*").order(-98).handler(ctx -> {
            if (ctx.body().buffer() == null) {
                ctx.setBody(Buffer.buffer());
            }
            ctx.next();
        });
    }

    private void check(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.POST && isForm(ctx.request().getHeader("Content-Type"))) {
            respond(ctx, 415, "Unsupported Media Type",
                    "Webhook bodies are JSON: send them with Content-Type: application/json, not as an HTML form.");
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (ctx.request().method() != HttpMethod.POST || length == null || !tooLarge(length)) {
            ctx.next();
            return;
        }
        UUID tokenId = tokenIdOf(ctx.request().path());
        ctx.vertx().executeBlocking(() -> {
            log.countTooLarge(tokenId);
            return null;
        }, false).onFailure(e -> Log.warnf("Could not count an oversize webhook: %s", e.getMessage()));
        respond(ctx, 413, "Payload Too Large", "The body is larger than 1 MiB.");
    }

    /** Answers before the body is read; the connection closes, so the unread body is never consumed. */
    private static void respond(RoutingContext ctx, int status, String title, String detail) {
        Problem problem = new Problem("about:blank", title, status, detail, ctx.request().path(), null);
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(problem));
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.trim().toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    private static boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > FirefliesWebhookResource.MAX_BODY;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static UUID tokenIdOf(String path) {
        String prefix = "/webhooks/fireflies/";
        if (path == null || !path.startsWith(prefix)) {
            return null;
        }
        try {
            return UUID.fromString(path.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
