package com.exponential.access.user;

import com.exponential.access.token.AccessCache;
import com.exponential.access.token.ApiCaller;
import com.exponential.access.token.CurrentCaller;
import com.exponential.access.workspace.Membership;
import com.exponential.access.workspace.WorkspaceView;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the token belongs to, and the workspaces it reaches. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
@SecurityRequirement(name = "bearer")
public class MeResource {

    /** The caller's identity. */
    public record Me(UUID id, String email, String name, List<WorkspaceView> workspaces) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    AccessCache cache;

    @Inject
    ManagedExecutor workers;

    /**
     * Answered on the event loop when this replica has the caller and the answer in memory (the
     * rate-limit filter has then authenticated from memory too); otherwise read on a worker thread.
     */
    @GET
    @NonBlocking
    @Operation(summary = "The token's user and their workspaces")
    public Uni<Me> me() {
        Optional<Me> cached = caller.requireFromMemory().flatMap(who -> cache.<Me>peek(key(who)));
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        if (BlockingOperationControl.isBlockingAllowed()) {
            return Uni.createFrom().item(load());
        }
        return Uni.createFrom().item(this::load).runSubscriptionOn(workers);
    }

    private Me load() {
        ApiCaller who = caller.require();
        // Cached per replica; a profile or membership change anywhere invalidates it at commit.
        return cache.get(key(who), () -> {
            User user = User.findById(who.userId());
            return new Me(user.id, user.email, user.name, Membership.ofUser(user.id).stream().map(WorkspaceView::of).toList());
        });
    }

    private static String key(ApiCaller who) {
        return "user:" + who.userId();
    }
}
