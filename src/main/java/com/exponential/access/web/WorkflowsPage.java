package com.exponential.access.web;

import com.exponential.access.common.ExponentialConfig;
import com.exponential.access.common.Problem;
import com.exponential.access.common.ProblemException;
import com.exponential.access.fireflies.Integration;
import com.exponential.access.fireflies.IntegrationService;
import com.exponential.access.token.ApiToken;
import com.exponential.access.user.User;
import com.exponential.access.webhook.DeliveryLog;
import com.exponential.access.webhook.WebhookDelivery;
import com.exponential.access.workspace.Membership;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

/** The Workflows page: the Fireflies card with its status in words, webhook URL, set-up form and latest deliveries. */
@Path("/workflows")
@Produces(MediaType.TEXT_HTML)
public class WorkflowsPage {

    private static final int LATEST = 20;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** An option of a select field. */
    public record Option(String value, String label, boolean selected) {
    }

    /** The Fireflies card: status, reasons, webhook URL and the key on file (its last characters only). */
    public record Card(boolean active, List<String> problems, String webhookUrl, String keyHint, String keyStatus) {
    }

    /** One delivery as the log shows it. */
    public record DeliveryRow(String id, String receivedAt, String event, String meetingId, String outcome, String outcomeClass,
            String detail, int attempts) {
        static DeliveryRow of(WebhookDelivery d) {
            String outcome = switch (d.status) {
                case PENDING -> d.attempts == 0 ? "Accepted, processing" : "Retrying";
                case SETUP_REQUIRED -> "Setup Required";
                case DONE -> "Imported";
                case IGNORED -> "Recorded (nothing to import)";
                case FAILED -> "Failed";
            };
            String css = switch (d.status) {
                case DONE, IGNORED -> "active";
                case FAILED -> "failed";
                default -> "setup";
            };
            return new DeliveryRow(d.id.toString(), WHEN.format(d.createdAt), d.event, d.firefliesMeetingId, outcome, css,
                    d.lastError == null ? "" : d.lastError, d.attempts);
        }
    }

    /** One counter of the delivery log. */
    public record CountRow(String outcome, long count, String lastAt) {
    }

    @Inject
    Visitor visitor;

    @Inject
    IntegrationService integrations;

    @Inject
    DeliveryLog deliveryLog;

    @Inject
    ExponentialConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(Card card, List<Option> hexKeys, List<Option> workspaces, FormErrors errors, String notice,
                List<DeliveryRow> deliveries, List<CountRow> counts);
    }

    @GET
    public TemplateInstance index(@RestQuery String saved) {
        User user = visitor.require();
        String notice = switch (saved == null ? "" : saved) {
            case "verified" -> "Saved. Fireflies accepted the API key.";
            case "unchecked" -> "Saved. Fireflies could not be reached to check the key, so it is saved unchecked; this page will say so if Fireflies rejects it later.";
            case "kept" -> "Saved.";
            default -> "";
        };
        return page(user, null, null, new FormErrors(), notice);
    }

    @POST
    @Path("fireflies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@RestForm String apiKey, @RestForm String tokenId, @RestForm String workspaceId) {
        User user = visitor.require();
        try {
            IntegrationService.Saved saved = integrations.save(user.id, new IntegrationService.Setup(apiKey, tokenId, workspaceId));
            boolean newKey = apiKey != null && !apiKey.isBlank();
            return PageRedirects.seeOther("/workflows?saved=" + (!newKey ? "kept" : saved.keyVerified() ? "verified" : "unchecked"));
        } catch (ProblemException e) {
            FormErrors errors = new FormErrors();
            if (e.errors != null) {
                for (Problem.FieldError error : e.errors) {
                    errors.add(error.field(), error.message());
                }
            }
            return Response.status(422).entity(page(user, tokenId, workspaceId, errors, "")).build();
        }
    }

    private TemplateInstance page(User user, String chosenToken, String chosenWorkspace, FormErrors errors, String notice) {
        Integration integration = Integration.fireflies(user.id).orElse(null);
        List<String> problems = integrations.problems(integration);
        UUID linked = integration == null ? null : integration.tokenId;
        String token = chosenToken != null ? chosenToken : linked == null ? "" : linked.toString();
        String workspace = chosenWorkspace != null ? chosenWorkspace
                : integration != null && integration.workspaceId != null ? integration.workspaceId.toString() : "";
        Instant now = Instant.now();
        List<Option> hexKeys = ApiToken.<ApiToken>list("userId = ?1 and type = ?2 and revokedAt is null and expiresAt > ?3 order by createdAt desc",
                        user.id, ApiToken.Type.HEX, now).stream()
                .map(t -> new Option(t.id.toString(), t.name + " (…" + t.hint + ", expires " + WHEN.format(t.expiresAt) + ")", t.id.toString().equals(token)))
                .toList();
        List<Option> workspaces = Membership.ofUser(user.id).stream()
                .map(m -> new Option(m.workspace.id.toString(), m.workspace.name, m.workspace.id.toString().equals(workspace)))
                .toList();
        String keyStatus = integration == null ? "MISSING" : integration.keyStatus.name();
        Card card = new Card(problems.isEmpty(), problems, linked == null ? "" : config.webhookUrl(linked),
                integration == null || integration.apiKeyHint == null ? "" : integration.apiKeyHint, keyStatus);
        List<DeliveryRow> deliveries = WebhookDelivery.latestForUser(user.id, LATEST).stream().map(DeliveryRow::of).toList();
        List<CountRow> counts = linked == null ? List.of() : deliveryLog.counts(linked).stream()
                .map(c -> new CountRow(c.outcome().label, c.count(), WHEN.format(c.lastAt()))).toList();
        return Templates.index(card, hexKeys, workspaces, errors, notice, deliveries, counts);
    }
}
