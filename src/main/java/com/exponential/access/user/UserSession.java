package com.exponential.access.user;

import com.exponential.access.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A logged-in browser; the cookie's value is kept only as a keyed digest, so the table is useless to a reader. */
@Entity
@Table(name = "user_session")
public class UserSession extends BaseEntity {

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "token_digest", nullable = false, length = 64)
    public String tokenDigest;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    public static Optional<UserSession> findLive(String tokenDigest, Instant now) {
        return find("tokenDigest = ?1 and expiresAt > ?2", tokenDigest, now).firstResultOptional();
    }
}
