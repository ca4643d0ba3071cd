package com.exponential.access.web;

import com.exponential.access.common.ExponentialConfig;
import com.exponential.access.common.Page;
import com.exponential.access.common.PageCursor;
import com.exponential.access.common.Problem;
import com.exponential.access.common.ProblemException;
import com.exponential.access.token.ApiToken;
import com.exponential.access.token.Expiry;
import com.exponential.access.token.TokenService;
import com.exponential.access.user.User;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** The Tokens page: list, Create API Key form, the one-time reveal, and revoke. */
@Path("/tokens")
@Produces(MediaType.TEXT_HTML)
public class TokensPage {

    static final int PAGE_SIZE = 25;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** One row of the list. */
    public record TokenRow(String id, String name, String type, String expires, boolean expired, String lastUsed, String description, String hint) {
        static TokenRow of(ApiToken t, Instant now) {
            return new TokenRow(t.id.toString(), t.name, t.type == ApiToken.Type.HEX ? "Hex Key" : "JWT", WHEN.format(t.expiresAt),
                    t.isExpired(now), t.lastUsedAt == null ? "Never" : WHEN.format(t.lastUsedAt) + (t.lastUsedFrom == null ? "" : " from " + t.lastUsedFrom),
                    t.description == null ? "" : t.description, t.hint);
        }
    }

    /** The create form's values, kept when it is shown again with errors. */
    public record TokenForm(String name, String type, String expiresIn, String description, String creationKey) {
        static TokenForm empty() {
            return new TokenForm("", "JWT", "30d", "", UUID.randomUUID().toString());
        }
    }

    @Inject
    Visitor visitor;

    @Inject
    TokenService tokens;

    @Inject
    ExponentialConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<TokenRow> tokens, String next, boolean firstPage, String notice);

        static native TemplateInstance create(TokenForm form, FormErrors errors, List<Expiry> expiries);

        static native TemplateInstance created(TokenRow token, String value, String webhookUrl);

        static native TemplateInstance already(TokenRow token);
    }

    @GET
    public TemplateInstance index(@RestQuery String cursor, @RestQuery String revoked) {
        User user = visitor.require();
        PageCursor after;
        try {
            after = PageCursor.decode(cursor);
        } catch (ProblemException e) {
            after = null;
        }
        Page<ApiToken> page = Page.of(tokens.list(user.id, after, PAGE_SIZE + 1), PAGE_SIZE, t -> new PageCursor(t.createdAt, t.id));
        Instant now = Instant.now();
        String notice = revoked != null ? "Token revoked. Anything using it stops working now." : "";
        return Templates.index(page.rows().stream().map(t -> TokenRow.of(t, now)).toList(), page.next(), after == null, notice);
    }

    @GET
    @Path("new")
    public TemplateInstance newForm() {
        visitor.require();
        return Templates.create(TokenForm.empty(), new FormErrors(), List.of(Expiry.values()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String name, @RestForm String type, @RestForm String expiresIn, @RestForm String description,
            @RestForm String creationKey) {
        User user = visitor.require();
        UUID key = parseUuid(creationKey);
        TokenForm form = new TokenForm(orEmpty(name), orEmpty(type), orEmpty(expiresIn), orEmpty(description),
                key == null ? UUID.randomUUID().toString() : key.toString());
        try {
            TokenService.Issued issued = tokens.issue(user, new TokenService.NewToken(name, type, expiresIn, description), key);
            ApiToken t = issued.token();
            String webhookUrl = t.type == ApiToken.Type.HEX ? config.webhookUrl(t.id) : "";
            // The value is in this answer only: keep it out of every cache and the browser history.
            return Response.ok(Templates.created(TokenRow.of(t, Instant.now()), issued.value(), webhookUrl))
                    .header("Cache-Control", "no-store").build();
        } catch (TokenService.AlreadyIssuedException e) {
            return Response.status(409).entity(Templates.already(TokenRow.of(e.token, Instant.now()))).build();
        } catch (ProblemException e) {
            FormErrors errors = new FormErrors();
            if (e.errors != null) {
                for (Problem.FieldError error : e.errors) {
                    errors.add(error.field(), error.message());
                }
            }
            return Response.status(422).entity(Templates.create(form, errors, List.of(Expiry.values()))).build();
        }
    }

    @POST
    @Path("{id}/revoke")
    public Response revoke(@PathParam("id") String id) {
        User user = visitor.require();
        UUID tokenId = parseUuid(id);
        if (tokenId == null || !tokens.revoke(user.id, tokenId)) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return PageRedirects.seeOther("/tokens?revoked=1");
    }

    private static UUID parseUuid(String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
