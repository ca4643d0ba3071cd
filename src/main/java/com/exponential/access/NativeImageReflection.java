package com.exponential.access;

import com.exponential.access.action.ActionView;
import com.exponential.access.common.Problem;
import com.exponential.access.token.TokenResource;
import com.exponential.access.token.TokenView;
import com.exponential.access.user.MeResource;
import com.exponential.access.webhook.FirefliesWebhookResource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JSON bodies that Jackson writes through a {@code jakarta.ws.rs.core.Response}: Quarkus sees
 * resource methods' declared return types, not what a Response carries, so the native image needs
 * these named. Add every record that a resource or an exception mapper puts into a Response.
 */
@RegisterForReflection(targets = {
        Problem.class,
        Problem.FieldError.class,
        TokenView.class,
        TokenResource.TokenList.class,
        TokenResource.CreatedToken.class,
        FirefliesWebhookResource.Receipt.class,
        ActionView.class,
        MeResource.Me.class,
})
final class NativeImageReflection {

    private NativeImageReflection() {
    }
}
