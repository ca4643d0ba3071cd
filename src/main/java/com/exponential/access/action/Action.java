package com.exponential.access.action;

import com.exponential.access.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** A to-do in a workspace, created through the API, the browser extension or from a meeting's action items. */
@Entity
@Table(name = "action")
public class Action extends BaseEntity {

    /** Whether the action is still to do. */
    public enum Status { OPEN, DONE }

    /** Where the action came from. */
    public enum Source { API, EXTENSION, FIREFLIES }

    @Column(name = "workspace_id", nullable = false)
    public UUID workspaceId;

    @Column(nullable = false, length = 500)
    public String title;

    @Column(columnDefinition = "text")
    public String description;

    @Column(name = "source_url", length = 2048)
    public String sourceUrl;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Status status = Status.OPEN;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Source source;

    @Column(name = "created_by")
    public UUID createdBy;

    @Column(name = "meeting_id")
    public UUID meetingId;

    /** Where an imported action came from (e.g. "fireflies:<transcript>:<n>"); unique per workspace. */
    @Column(name = "source_key", length = 200)
    public String sourceKey;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    public static Optional<Action> findInWorkspace(UUID workspaceId, UUID id) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional();
    }
}
