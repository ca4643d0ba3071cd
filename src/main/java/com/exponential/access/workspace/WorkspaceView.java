package com.exponential.access.workspace;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A workspace as the API shows it, with the caller's role in it. */
@Schema(name = "Workspace")
public record WorkspaceView(UUID id, String name, Membership.Role role) {

    public static WorkspaceView of(Membership m) {
        return new WorkspaceView(m.workspace.id, m.workspace.name, m.role);
    }
}
