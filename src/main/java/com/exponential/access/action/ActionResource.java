package com.exponential.access.action;

import com.exponential.access.common.ApiExamples;
import com.exponential.access.common.Page;
import com.exponential.access.common.PageCursor;
import com.exponential.access.common.Problem;
import com.exponential.access.common.ProblemException;
import com.exponential.access.token.ApiCaller;
import com.exponential.access.token.CurrentCaller;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The actions of a workspace the caller belongs to: list, read, create and edit (mark done, reopen). */
@Path("/api/v1/workspaces/{workspaceId}/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Actions")
@SecurityRequirement(name = "bearer")
public class ActionResource {

    /** Says who created an action: "extension" for the browser extension, "api" (the default) for anything else. */
    public static final String SOURCE_HEADER = "X-Exponential-Source";

    /** One page of actions; pass next back as cursor for the following page. */
    public record ActionList(List<ActionView> items, @Schema(nullable = true, description = "Cursor of the next page; null on the last") String next) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    ActionService actions;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "List the workspace's actions, newest first", description = "Pages with ?limit=&cursor=; filter with ?status=OPEN or DONE.")
    @APIResponse(responseCode = "200", description = "One page of actions (and a Link rel=\"next\" header when more follow)",
            content = @Content(schema = @Schema(implementation = ActionList.class), examples = @ExampleObject(name = "page", value = ApiExamples.ACTION_LIST)))
    @APIResponse(responseCode = "400", description = "Invalid status, limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "bad status", value = ApiExamples.BAD_STATUS)))
    @APIResponse(responseCode = "404", description = "No such workspace, or the caller is not a member", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "not found", value = ApiExamples.WORKSPACE_NOT_FOUND)))
    public RestResponse<ActionList> list(@PathParam("workspaceId") @Parameter(description = "Workspace id") String workspaceId,
            @QueryParam("status") @Parameter(description = "Only actions with this status", schema = @Schema(enumeration = { "OPEN", "DONE" }))
            String status,
            @QueryParam("limit") @Parameter(description = "Page size, 1 to " + PageCursor.MAX_LIMIT + " (default " + PageCursor.DEFAULT_LIMIT + ")",
                    schema = @Schema(type = SchemaType.INTEGER)) String limit,
            @QueryParam("cursor") @Parameter(description = "The next value of the previous page") String cursor) {
        UUID workspace = memberWorkspace(workspaceId);
        Action.Status wanted = null;
        if (status != null && !status.isEmpty()) {
            ActionFields check = new ActionFields();
            wanted = check.status(status);
            check.throwIfInvalid();
        }
        int size = PageCursor.limit(limit);
        Page<Action> page = Page.of(actions.list(workspace, wanted, PageCursor.decode(cursor), size + 1), size,
                a -> new PageCursor(a.createdAt, a.id));
        return page.respond(new ActionList(page.rows().stream().map(ActionView::of).toList(), page.next()), uri, size, "status");
    }

    @GET
    @Path("{actionId}")
    @Operation(summary = "One action")
    @APIResponse(responseCode = "200", description = "The action",
            content = @Content(schema = @Schema(implementation = ActionView.class), examples = @ExampleObject(name = "action", value = ApiExamples.ACTION)))
    @APIResponse(responseCode = "404", description = "No such workspace or action, or the caller is not a member", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ActionView get(@PathParam("workspaceId") String workspaceId, @PathParam("actionId") String actionId) {
        UUID workspace = memberWorkspace(workspaceId);
        UUID id = parseId(actionId);
        return (id == null ? java.util.Optional.<Action>empty() : Action.findInWorkspace(workspace, id)).map(ActionView::of)
                .orElseThrow(() -> ProblemException.notFound("Action " + actionId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an action", description = "The action's source is API, or EXTENSION when the request carries "
            + SOURCE_HEADER + ": extension. Nothing is stored unless every field is valid.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ActionService.NewAction.class),
            examples = @ExampleObject(name = "captured from a page", value = ApiExamples.NEW_ACTION)))
    @APIResponse(responseCode = "201", description = "Created; Location names the new action",
            content = @Content(schema = @Schema(implementation = ActionView.class), examples = @ExampleObject(name = "action", value = ApiExamples.ACTION)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, an unknown field or invalid fields, each named in errors", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "invalid fields", value = ApiExamples.INVALID_FIELDS)))
    @APIResponse(responseCode = "404", description = "No such workspace, or the caller is not a member", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<ActionView> create(@PathParam("workspaceId") String workspaceId,
            @HeaderParam(SOURCE_HEADER) @Parameter(description = "extension when the browser extension captured the action; api (default) otherwise",
                    schema = @Schema(enumeration = { "api", "extension" })) String source,
            ActionService.NewAction request) {
        ApiCaller who = caller.require();
        UUID workspace = memberWorkspace(workspaceId);
        Action created = actions.create(workspace, who.userId(), source(source), request);
        return RestResponse.ResponseBuilder.<ActionView>created(UriBuilder.fromPath("/api/v1/workspaces/{w}/actions/{a}").build(workspace, created.id))
                .entity(ActionView.of(created)).build();
    }

    @PATCH
    @Path("{actionId}")
    // RFC 7396's own media type, as merge-patch clients send it, and plain JSON.
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Edit an action, mark it done or reopen it",
            description = "Merge-patch semantics: absent fields stay, null clears description, sourceUrl or dueDate. "
                    + "status DONE stamps completedAt, OPEN clears it. Nothing is stored unless every field is valid.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ActionChanges.class),
            examples = { @ExampleObject(name = "mark done", value = "{\"status\": \"DONE\"}"),
                    @ExampleObject(name = "edit", value = "{\"title\": \"Send the revised deck\", \"dueDate\": null}") }))
    @APIResponse(responseCode = "200", description = "The action as changed",
            content = @Content(schema = @Schema(implementation = ActionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, an unknown field or invalid fields, each named in errors", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "invalid fields", value = ApiExamples.INVALID_FIELDS)))
    @APIResponse(responseCode = "404", description = "No such workspace or action, or the caller is not a member", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ActionView update(@PathParam("workspaceId") String workspaceId, @PathParam("actionId") String actionId, ObjectNode body) {
        UUID workspace = memberWorkspace(workspaceId);
        UUID id = parseId(actionId);
        ActionChanges changes = ActionChanges.parse(body);
        if (id == null) {
            throw ProblemException.notFound("Action " + actionId);
        }
        return ActionView.of(actions.update(workspace, id, changes));
    }

    private UUID memberWorkspace(String workspaceId) {
        ApiCaller who = caller.require();
        UUID id = parseId(workspaceId);
        if (id == null) {
            throw ProblemException.notFound("Workspace " + workspaceId);
        }
        return actions.requireMember(who.userId(), id).workspace.id;
    }

    private static Action.Source source(String header) {
        if (header == null || header.isBlank() || header.strip().equalsIgnoreCase("api")) {
            return Action.Source.API;
        }
        if (header.strip().equalsIgnoreCase("extension")) {
            return Action.Source.EXTENSION;
        }
        throw ProblemException.invalidField(SOURCE_HEADER, "must be api or extension");
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
