package com.exponential.access.token;

import java.util.UUID;

/** Who is calling the API: a user, through a JWT (tokenId set) or through the dashboard session (tokenId null). */
public record ApiCaller(UUID userId, UUID tokenId) {

    public boolean viaSession() {
        return tokenId == null;
    }
}
