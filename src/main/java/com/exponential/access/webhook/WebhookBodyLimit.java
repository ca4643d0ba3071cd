package com.exponential.access.webhook;

import com.exponential.access.common.Problem;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;

/**
 * Refuses webhook bodies over 1 MiB from their Content-Length, before a byte of them is read, with a
 * 413 problem document, and counts the refusal in the delivery log. (The platform's own
 * quarkus.http.limits.max-body-size still guards chunked bodies that announce no length.)
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
    }

    private void check(RoutingContext ctx) {
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
        Problem problem = new Problem("about:blank", "Payload Too Large", 413, "The body is larger than 1 MiB.", ctx.request().path(), null);
        ctx.response()
                .setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(problem));
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
