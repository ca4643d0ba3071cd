package com.exponential.access.fireflies;

import com.exponential.access.action.Action;
import com.exponential.access.common.Page;
import com.exponential.access.common.PageCursor;
import com.exponential.access.common.ProblemException;
import com.exponential.access.token.ApiCaller;
import com.exponential.access.token.CurrentCaller;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Meetings pulled from Fireflies into the caller's workspaces, with the actions made from their action items. */
@Path("/api/v1/meetings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Meetings")
@SecurityRequirement(name = "bearer")
public class MeetingResource {

    /** An action made from one of the meeting's action items. */
    public record ActionItem(UUID id, String title, String description, Action.Status status, LocalDate dueDate) {
    }

    /** A meeting in a list: everything but the sentences. */
    public record MeetingSummary(UUID id, UUID workspaceId, String firefliesId, String title, Instant date, Double durationMinutes,
            List<String> participants, String overview, List<String> keywords, List<ActionItem> actionItems, Instant importedAt) {
    }

    /** One meeting with its transcript's sentences. */
    public record MeetingDetail(UUID id, UUID workspaceId, String firefliesId, String title, Instant date, Double durationMinutes,
            List<String> participants, String overview, List<String> keywords, List<ActionItem> actionItems, Instant importedAt,
            JsonNode sentences) {
    }

    /** One page of meetings; pass next back as cursor for the following page. */
    public record MeetingList(List<MeetingSummary> items, String next) {
    }

    @Inject
    CurrentCaller caller;

    @Context
    UriInfo uri;

    @Inject
    ObjectMapper json;

    @GET
    @Operation(summary = "List the meetings in your workspaces, newest import first")
    public RestResponse<MeetingList> list(@QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String limit,
            @QueryParam("cursor") String cursor) {
        ApiCaller who = caller.require();
        int size = PageCursor.limit(limit);
        PageCursor after = PageCursor.decode(cursor);
        Page<Meeting> page = Page.of(Meeting.pageVisible(who.userId(), after == null ? null : after.createdAt(), after == null ? null : after.id(), size + 1),
                size, m -> new PageCursor(m.createdAt, m.id));
        var actions = MeetingIngestor.actionsOf(page.rows().stream().map(m -> m.id).toList());
        return page.respond(new MeetingList(page.rows().stream().map(m -> summary(m, actions.getOrDefault(m.id, List.of()))).toList(), page.next()),
                uri, size);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One meeting with its sentences and action items")
    public MeetingDetail get(@PathParam("id") String id) {
        ApiCaller who = caller.require();
        UUID meetingId;
        try {
            meetingId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Meeting " + id);
        }
        Meeting m = Meeting.findVisible(who.userId(), meetingId).orElseThrow(() -> ProblemException.notFound("Meeting " + id));
        return new MeetingDetail(m.id, m.workspaceId, m.firefliesId, m.title, m.meetingDate, m.durationMinutes, strings(m.participants),
                m.overview, strings(m.keywords), items(MeetingIngestor.actionsOf(m.id)), m.createdAt, tree(m.sentences));
    }

    private MeetingSummary summary(Meeting m, List<Action> actions) {
        return new MeetingSummary(m.id, m.workspaceId, m.firefliesId, m.title, m.meetingDate, m.durationMinutes, strings(m.participants),
                m.overview, strings(m.keywords), items(actions), m.createdAt);
    }

    private static List<ActionItem> items(List<Action> actions) {
        return actions.stream()
                .map(a -> new ActionItem(a.id, a.title, a.description, a.status, a.dueDate))
                .toList();
    }

    private List<String> strings(String jsonArray) {
        try {
            return json.readValue(jsonArray, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            return List.of();
        }
    }

    private JsonNode tree(String jsonArray) {
        try {
            return json.readTree(jsonArray);
        } catch (IOException e) {
            return json.createArrayNode();
        }
    }
}
