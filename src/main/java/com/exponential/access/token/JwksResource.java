package com.exponential.access.token;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Publishes the keys that verify our JWTs, so other services can check tokens themselves. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    @Inject
    JwtKeys keys;

    @GET
    @Produces({"application/jwk-set+json", "application/json"})
    public Response jwks() {
        Map<String, Object> document = keys.jwks();
        return Response.ok(document).header("Cache-Control", "public, max-age=300").build();
    }
}
