package com.exponential.access.webhook;

import com.exponential.access.common.AuthenticationException;
import com.exponential.access.common.ProblemException;
import com.exponential.access.token.ApiToken;
import com.exponential.access.token.LastUsedRecorder;
import com.exponential.access.token.TokenService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Fireflies webhooks. The answer never waits for Fireflies' own API (Fireflies gives up after about
 * 10 seconds and does not retry): a delivery is stored, acknowledged, and processed by a worker.
 * The answer is sent when {@link WebhookIntake} has committed the delivery, without holding a thread
 * meanwhile.
 */
@Path("/webhooks/fireflies")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class FirefliesWebhookResource {

    /** The largest body we accept (the platform limit answers the same for bodies it sees first). */
    public static final int MAX_BODY = 1024 * 1024;
    private static final Pattern HEX_KEY = Pattern.compile("[0-9a-f]{32}");

    /** What a webhook call is answered with. */
    public record Receipt(UUID deliveryId, String status) {
    }

    @Inject
    TokenService tokens;

    @Inject
    WebhookIntake intake;

    @Inject
    DeliveryLog log;

    @Inject
    LastUsedRecorder lastUsed;

    @Inject
    HttpServerRequest request;

    @Inject
    ManagedExecutor workers;

    /**
     * The usual case stays on the event loop: a Hex Key this replica has in memory, a matching
     * signature and a delivery to store. Anything else (a key to read, a refusal to count, a test
     * ping) is decided from the start on a worker thread, where the database may be used.
     */
    @POST
    @Path("{tokenId}")
    @NonBlocking
    @Operation(summary = "Receive a Fireflies webhook signed with the Hex Key named in the path (X-Hub-Signature: sha256=<hex>)")
    public CompletionStage<RestResponse<Receipt>> signed(@PathParam("tokenId") String tokenId, @HeaderParam(WebhookSignature.HEADER) String signature, byte[] body) {
        UUID id = parseUuid(tokenId);
        byte[] raw = body == null ? new byte[0] : body;
        if (id != null && signature != null && raw.length <= MAX_BODY) {
            Optional<TokenService.HexKey> key = tokens.cachedActiveHexKey(id);
            if (key.isPresent() && WebhookSignature.matches(key.get().secret(), raw, signature)) {
                Optional<FirefliesPayload> payload = FirefliesPayload.parseIfWellFormed(raw).filter(p -> !p.isTestPing());
                if (payload.isPresent()) {
                    return store(key.get(), payload.get(), raw);
                }
            }
        }
        return CompletableFuture.supplyAsync(() -> checkThenAccept(id, signature, raw), workers).thenCompose(answer -> answer);
    }

    private CompletionStage<RestResponse<Receipt>> checkThenAccept(UUID id, String signature, byte[] raw) {
        if (raw.length > MAX_BODY) {
            throw refuse(id, DeliveryOutcome.TOO_LARGE, 413, "Payload Too Large", "The body is larger than 1 MiB.");
        }
        Optional<TokenService.HexKey> key = id == null ? Optional.empty() : tokens.activeHexKey(id);
        if (key.isEmpty()) {
            DeliveryOutcome why = id == null ? DeliveryOutcome.UNKNOWN_TOKEN : classifyMissing(ApiToken.findByIdOptional(id));
            throw refuse(why == DeliveryOutcome.UNKNOWN_TOKEN ? null : id, why, 401, "Unauthorized",
                    "This webhook URL names no active Hex Key: it is unknown, revoked or expired. Create a Hex Key and use its webhook URL.");
        }
        TokenService.HexKey hexKey = key.get();
        if (signature == null && FirefliesPayload.isUnsignedTestPing(raw)) {
            // Fireflies' set-up check is unsigned: acknowledge it, store nothing else.
            log.countRefusal(hexKey.tokenId(), DeliveryOutcome.TEST_PING);
            return testPing();
        }
        if (!WebhookSignature.matches(hexKey.secret(), raw, signature)) {
            throw refuse(hexKey.tokenId(), DeliveryOutcome.BAD_SIGNATURE, 401, "Unauthorized", signature == null
                    ? "The X-Hub-Signature header is missing: sign the raw body with HMAC-SHA256 and the Hex Key (sha256=<hex>)."
                    : "The X-Hub-Signature does not match the body: sign the raw body with HMAC-SHA256 and the Hex Key (sha256=<hex>).");
        }
        return accept(hexKey, raw);
    }

    @POST
    @Blocking
    @Operation(summary = "Receive a Fireflies-shaped webhook from a sender that cannot sign (Authorization: Bearer <Hex Key>)")
    public CompletionStage<RestResponse<Receipt>> bearer(@HeaderParam("Authorization") String authorization, byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        String value = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        if (raw.length > MAX_BODY) {
            throw refuse(null, DeliveryOutcome.TOO_LARGE, 413, "Payload Too Large", "The body is larger than 1 MiB.");
        }
        if (value == null) {
            log.countRefusal(null, DeliveryOutcome.UNKNOWN_TOKEN);
            throw new AuthenticationException("A Hex Key is required: Authorization: Bearer <hex key>.", false);
        }
        Optional<TokenService.HexKey> key = HEX_KEY.matcher(value).matches() ? tokens.activeHexKeyByValue(value) : Optional.empty();
        if (key.isEmpty()) {
            Optional<ApiToken> known = HEX_KEY.matcher(value).matches()
                    ? ApiToken.findHexByDigest(com.exponential.access.common.Digests.sha256Hex(value)) : Optional.empty();
            DeliveryOutcome why = classifyMissing(known);
            log.countRefusal(why == DeliveryOutcome.UNKNOWN_TOKEN ? null : known.get().id, why);
            throw AuthenticationException.invalidToken("The Hex Key is unknown, revoked or expired.");
        }
        return accept(key.get(), raw);
    }

    private CompletionStage<RestResponse<Receipt>> accept(TokenService.HexKey key, byte[] raw) {
        FirefliesPayload payload;
        try {
            payload = FirefliesPayload.parse(raw);
        } catch (FirefliesPayload.MalformedException e) {
            throw refuse(key.tokenId(), DeliveryOutcome.MALFORMED, 400, "Bad Request", e.getMessage());
        }
        if (payload.isTestPing()) {
            log.countRefusal(key.tokenId(), DeliveryOutcome.TEST_PING);
            return testPing();
        }
        return store(key, payload, raw);
    }

    private CompletionStage<RestResponse<Receipt>> store(TokenService.HexKey key, FirefliesPayload payload, byte[] raw) {
        lastUsed.record(key.tokenId(), request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        // RestResponse<Receipt> rather than Response: the writer is chosen once at build time, not per answer.
        return intake.store(key, payload, raw).thenApply(stored -> stored.created()
                ? RestResponse.accepted(new Receipt(stored.deliveryId(), "accepted"))
                : RestResponse.ok(new Receipt(stored.deliveryId(), "duplicate")));
    }

    private static CompletionStage<RestResponse<Receipt>> testPing() {
        return CompletableFuture.completedFuture(RestResponse.ok(new Receipt(null, "test ping received")));
    }

    private static DeliveryOutcome classifyMissing(Optional<? extends Object> token) {
        return token.filter(t -> t instanceof ApiToken a && a.type == ApiToken.Type.HEX)
                .map(t -> DeliveryOutcome.TOKEN_INACTIVE)
                .orElse(DeliveryOutcome.UNKNOWN_TOKEN);
    }

    private ProblemException refuse(UUID tokenId, DeliveryOutcome outcome, int status, String title, String detail) {
        log.countRefusal(tokenId, outcome);
        return new ProblemException(status, title, detail);
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
