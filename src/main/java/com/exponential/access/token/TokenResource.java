package com.exponential.access.token;

import com.exponential.access.common.ExponentialConfig;
import com.exponential.access.common.Page;
import com.exponential.access.common.PageCursor;
import com.exponential.access.common.ProblemException;
import com.exponential.access.user.User;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The caller's API tokens as JSON: list, create (dashboard session only) and revoke. */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
@SecurityRequirement(name = "bearer")
public class TokenResource {

    /** One page of tokens; pass next back as cursor for the following page. */
    public record TokenList(List<TokenView> items, String next) {
    }

    /** A token just created: its metadata plus the value, shown this once. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreatedToken(UUID id, String name, String description, ApiToken.Type type, Instant createdAt,
            Instant expiresAt, String status, String hint, String token, String webhookUrl) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    TokenService tokens;

    @Inject
    ExponentialConfig config;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "List your tokens (metadata only), newest first")
    public RestResponse<TokenList> list(@QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String limit,
            @QueryParam("cursor") String cursor) {
        ApiCaller who = caller.require();
        int size = PageCursor.limit(limit);
        Page<ApiToken> page = Page.of(tokens.list(who.userId(), PageCursor.decode(cursor), size + 1), size, t -> new PageCursor(t.createdAt, t.id));
        Instant now = Instant.now();
        return page.respond(new TokenList(page.rows().stream().map(t -> TokenView.of(t, now)).toList(), page.next()), uri, size);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a token (dashboard session only; an API token cannot mint tokens)")
    public Response create(TokenService.NewToken request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        ApiCaller who = caller.requireSession();
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {name, type, expiresIn, description} is required.");
        }
        UUID creationKey = parseIdempotencyKey(idempotencyKey);
        User owner = User.findById(who.userId());
        try {
            TokenService.Issued issued = tokens.issue(owner, request, creationKey);
            ApiToken t = issued.token();
            CreatedToken body = new CreatedToken(t.id, t.name, t.description, t.type, t.createdAt, t.expiresAt, TokenView.ACTIVE, t.hint,
                    issued.value(), t.type == ApiToken.Type.HEX ? config.webhookUrl(t.id) : null);
            return Response.status(201).entity(body).header("Cache-Control", "no-store").build();
        } catch (TokenService.AlreadyIssuedException e) {
            throw new ProblemException(409, "Conflict",
                    "A token was already created with this Idempotency-Key (" + e.token.id + "); its value is shown only once.");
        }
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a token at once and for good")
    public Response revoke(@PathParam("id") String id) {
        ApiCaller who = caller.require();
        UUID tokenId = parseId(id);
        if (tokenId == null || !tokens.revoke(who.userId(), tokenId)) {
            throw ProblemException.notFound("Token " + id);
        }
        return Response.noContent().build();
    }

    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static UUID parseIdempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        UUID parsed = parseId(key.trim());
        if (parsed == null) {
            throw ProblemException.invalidField("Idempotency-Key", "must be a UUID");
        }
        return parsed;
    }
}
