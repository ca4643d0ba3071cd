package com.exponential.access.fireflies;

import com.exponential.access.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A transcript pulled from Fireflies into a workspace; its action items became Actions. */
@Entity
@Table(name = "meeting")
public class Meeting extends BaseEntity {

    @Column(name = "workspace_id", nullable = false)
    public UUID workspaceId;

    @Column(name = "imported_by")
    public UUID importedBy;

    @Column(name = "fireflies_id", nullable = false, length = 100)
    public String firefliesId;

    @Column(nullable = false, length = 500)
    public String title;

    @Column(name = "meeting_date")
    public Instant meetingDate;

    @Column(name = "duration_minutes")
    public Double durationMinutes;

    /** JSON array of strings. */
    @Column(nullable = false, columnDefinition = "text")
    public String participants;

    /** JSON array of strings. */
    @Column(nullable = false, columnDefinition = "text")
    public String keywords;

    /** JSON array of {index, speaker_name, text, start_time, end_time}. */
    @Column(nullable = false, columnDefinition = "text")
    public String sentences;

    @Column(columnDefinition = "text")
    public String overview;

    /** Fireflies' action items as sent (one string with **Name** headings). */
    @Column(name = "action_items", columnDefinition = "text")
    public String actionItems;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = createdAt;

    /** A meeting in one of the user's workspaces. */
    public static Optional<Meeting> findVisible(UUID userId, UUID id) {
        return find("id = ?1 and workspaceId in (select m.workspace.id from Membership m where m.userId = ?2)", id, userId).firstResultOptional();
    }

    /** A page of the meetings in the user's workspaces, newest first, after the given position. */
    public static List<Meeting> pageVisible(UUID userId, Instant afterCreated, UUID afterId, int limit) {
        String visible = "workspaceId in (select m.workspace.id from Membership m where m.userId = ?1)";
        if (afterCreated == null) {
            return find(visible + " order by createdAt desc, id desc", userId).page(0, limit).list();
        }
        return find(visible + " and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                userId, afterCreated, afterId).page(0, limit).list();
    }
}
