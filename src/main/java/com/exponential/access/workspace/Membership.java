package com.exponential.access.workspace;

import com.exponential.access.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A user's role in a workspace; losing it removes that workspace from every token of the user at once. */
@Entity
@Table(name = "membership")
public class Membership extends BaseEntity {

    /** What a member may do in a workspace. */
    public enum Role { OWNER, MEMBER }

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "workspace_id", nullable = false)
    public Workspace workspace;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Role role;

    public static List<Membership> ofUser(UUID userId) {
        return list("userId = ?1 order by workspace.name, workspace.id", userId);
    }

    /** A page of the user's memberships, newest workspace first, after the given workspace (keyset pagination). */
    public static List<Membership> pageOfUser(UUID userId, Instant afterCreated, UUID afterWorkspaceId, int limit) {
        if (afterCreated == null) {
            return find("userId = ?1 order by workspace.createdAt desc, workspace.id desc", userId).page(0, limit).list();
        }
        return find("userId = ?1 and (workspace.createdAt < ?2 or (workspace.createdAt = ?2 and workspace.id < ?3))"
                + " order by workspace.createdAt desc, workspace.id desc", userId, afterCreated, afterWorkspaceId).page(0, limit).list();
    }

    public static Optional<Membership> find(UUID userId, UUID workspaceId) {
        return find("userId = ?1 and workspace.id = ?2", userId, workspaceId).firstResultOptional();
    }
}
