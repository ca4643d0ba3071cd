package com.exponential.access.workspace;

import com.exponential.access.common.ApiExamples;
import com.exponential.access.common.Page;
import com.exponential.access.common.PageCursor;
import com.exponential.access.common.Problem;
import com.exponential.access.token.ApiCaller;
import com.exponential.access.token.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The workspaces the caller belongs to: where their token can read and create actions. */
@Path("/api/v1/workspaces")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workspaces")
@SecurityRequirement(name = "bearer")
public class WorkspaceResource {

    /** One page of workspaces; pass next back as cursor for the following page. */
    public record WorkspaceList(List<WorkspaceView> items, @Schema(nullable = true, description = "Cursor of the next page; null on the last") String next) {
    }

    @Inject
    CurrentCaller caller;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "List your workspaces, newest first", description = "Pages with ?limit=&cursor= like every list of the API.")
    @APIResponse(responseCode = "200", description = "One page of workspaces (and a Link rel=\"next\" header when more follow)",
            content = @Content(schema = @Schema(implementation = WorkspaceList.class), examples = @ExampleObject(name = "page", value = ApiExamples.WORKSPACE_LIST)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public RestResponse<WorkspaceList> list(
            @QueryParam("limit") @Parameter(description = "Page size, 1 to " + PageCursor.MAX_LIMIT + " (default " + PageCursor.DEFAULT_LIMIT + ")",
                    schema = @Schema(type = SchemaType.INTEGER)) String limit,
            @QueryParam("cursor") @Parameter(description = "The next value of the previous page") String cursor) {
        ApiCaller who = caller.require();
        int size = PageCursor.limit(limit);
        PageCursor after = PageCursor.decode(cursor);
        Page<Membership> page = Page.of(Membership.pageOfUser(who.userId(), after == null ? null : after.createdAt(), after == null ? null : after.id(),
                size + 1), size, m -> new PageCursor(m.workspace.createdAt, m.workspace.id));
        return page.respond(new WorkspaceList(page.rows().stream().map(WorkspaceView::of).toList(), page.next()), uri, size);
    }
}
