package com.exponential.access.action;

import com.exponential.access.common.PageCursor;
import com.exponential.access.common.ProblemException;
import com.exponential.access.workspace.Membership;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Lists, creates and edits the actions of a workspace on behalf of one of its members. */
@ApplicationScoped
public class ActionService {

    /** What a client sends to create an action. */
    @Schema(name = "NewAction")
    public record NewAction(
            @Schema(required = true, maxLength = ActionFields.MAX_TITLE, description = "Trimmed", example = "Send the pricing deck to Dana")
            String title,
            @Schema(maxLength = ActionFields.MAX_DESCRIPTION, example = "Dana asked for the enterprise tier.") String description,
            @Schema(maxLength = ActionFields.MAX_URL, description = "Absolute http or https URL", example = "https://example.com/deal/42")
            String sourceUrl,
            @Schema(format = "date", description = "ISO-8601 date, YYYY-MM-DD", example = "2030-07-01") String dueDate) {
    }

    /** The caller's membership of the workspace; a workspace they do not belong to does not exist for them (404). */
    public Membership requireMember(UUID userId, UUID workspaceId) {
        return Membership.find(userId, workspaceId).orElseThrow(() -> ProblemException.notFound("Workspace " + workspaceId));
    }

    /** One page of the workspace's actions, newest first, optionally only those with the given status. */
    public List<Action> list(UUID workspaceId, Action.Status status, PageCursor after, int limit) {
        StringBuilder query = new StringBuilder("workspaceId = :workspace");
        Parameters params = Parameters.with("workspace", workspaceId);
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (after != null) {
            query.append(" and (createdAt < :createdAt or (createdAt = :createdAt and id < :id))");
            params.and("createdAt", after.createdAt()).and("id", after.id());
        }
        query.append(" order by createdAt desc, id desc");
        return Action.<Action>find(query.toString(), params).page(0, limit).list();
    }

    @Transactional
    public Action create(UUID workspaceId, UUID userId, Action.Source source, NewAction request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON object {title, description, sourceUrl, dueDate} is required.");
        }
        ActionFields check = new ActionFields();
        Action action = new Action();
        action.title = check.title(request.title());
        action.description = check.description(request.description());
        action.sourceUrl = check.sourceUrl(request.sourceUrl());
        action.dueDate = check.dueDate(request.dueDate());
        check.throwIfInvalid();
        action.workspaceId = workspaceId;
        action.source = source;
        action.createdBy = userId;
        action.updatedAt = action.createdAt;
        action.persist();
        return action;
    }

    /** Applies the changes; marking done stamps completedAt, reopening clears it. */
    @Transactional
    public Action update(UUID workspaceId, UUID actionId, ActionChanges changes) {
        Action action = Action.findInWorkspace(workspaceId, actionId).orElseThrow(() -> ProblemException.notFound("Action " + actionId));
        Instant now = Instant.now();
        if (changes.has("title")) {
            action.title = changes.title();
        }
        if (changes.has("description")) {
            action.description = changes.description();
        }
        if (changes.has("sourceUrl")) {
            action.sourceUrl = changes.sourceUrl();
        }
        if (changes.has("dueDate")) {
            action.dueDate = changes.dueDate();
        }
        if (changes.has("status") && changes.status() != action.status) {
            action.status = changes.status();
            action.completedAt = action.status == Action.Status.DONE ? now : null;
        }
        if (!changes.present().isEmpty()) {
            action.updatedAt = now;
        }
        return action;
    }
}
