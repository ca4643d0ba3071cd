package com.exponential.access.webhook;

import com.exponential.access.common.AuthenticationException;
import com.exponential.access.common.ProblemException;
import com.exponential.access.token.ApiToken;
import com.exponential.access.token.LastUsedRecorder;
import com.exponential.access.token.TokenService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Fireflies webhooks. The answer never waits for Fireflies' own API (Fireflies gives up after about
 * 10 seconds and does not retry): a delivery is stored, acknowledged, and processed by a worker.
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

    @POST
    @Path("{tokenId}")
    @Operation(summary = "Receive a Fireflies webhook signed with the Hex Key named in the path (X-Hub-Signature: sha256=<hex>)")
    public Response signed(@PathParam("tokenId") String tokenId, @HeaderParam(WebhookSignature.HEADER) String signature, byte[] body) {
        UUID id = parseUuid(tokenId);
        byte[] raw = body == null ? new byte[0] : body;
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
            return Response.ok(new Receipt(null, "test ping received")).build();
        }
        if (!WebhookSignature.matches(hexKey.secret(), raw, signature)) {
            throw refuse(hexKey.tokenId(), DeliveryOutcome.BAD_SIGNATURE, 401, "Unauthorized", signature == null
                    ? "The X-Hub-Signature header is missing: sign the raw body with HMAC-SHA256 and the Hex Key (sha256=<hex>)."
                    : "The X-Hub-Signature does not match the body: sign the raw body with HMAC-SHA256 and the Hex Key (sha256=<hex>).");
        }
        return accept(hexKey, raw);
    }

    @POST
    @Operation(summary = "Receive a Fireflies-shaped webhook from a sender that cannot sign (Authorization: Bearer <Hex Key>)")
    public Response bearer(@HeaderParam("Authorization") String authorization, byte[] body) {
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

    private Response accept(TokenService.HexKey key, byte[] raw) {
        lastUsed.record(key.tokenId(), request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        FirefliesPayload payload;
        try {
            payload = FirefliesPayload.parse(raw);
        } catch (FirefliesPayload.MalformedException e) {
            throw refuse(key.tokenId(), DeliveryOutcome.MALFORMED, 400, "Bad Request", e.getMessage());
        }
        if (payload.isTestPing()) {
            log.countRefusal(key.tokenId(), DeliveryOutcome.TEST_PING);
            return Response.ok(new Receipt(null, "test ping received")).build();
        }
        WebhookIntake.Stored stored = intake.store(key, payload, raw);
        return stored.created()
                ? Response.accepted(new Receipt(stored.deliveryId(), "accepted")).build()
                : Response.ok(new Receipt(stored.deliveryId(), "duplicate")).build();
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
