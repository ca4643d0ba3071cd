package com.exponential.access.token;

import com.exponential.access.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An API token's metadata; the value itself is shown once and never stored in a usable form. */
@Entity
@Table(name = "api_token")
public class ApiToken extends BaseEntity {

    /** Hex Key for webhook secrets, JWT for Bearer API access. */
    public enum Type { HEX, JWT }

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(length = 500)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 3)
    public Type type;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "last_used_from", length = 64)
    public String lastUsedFrom;

    /** The last four characters of the value, so people can tell their tokens apart. */
    @Column(nullable = false, length = 4)
    public String hint;

    /** SHA-256 of a Hex Key, for direct look-up of static-secret senders. */
    @Column(name = "secret_digest", length = 64)
    public String secretDigest;

    /** AES-GCM ciphertext of a Hex Key (SecretCipher), needed to check HMAC signatures. */
    @Column(name = "secret_ciphertext", length = 200)
    public String secretCiphertext;

    /** Idempotency key of the request that created it: a repeated submission mints nothing new. */
    @Column(name = "creation_key")
    public UUID creationKey;

    public boolean isExpired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public boolean isUsable(Instant now) {
        return revokedAt == null && !isExpired(now);
    }

    public static Optional<ApiToken> findOwned(UUID userId, UUID id) {
        return find("id = ?1 and userId = ?2 and revokedAt is null", id, userId).firstResultOptional();
    }

    public static Optional<ApiToken> findByCreationKey(UUID userId, UUID creationKey) {
        return find("userId = ?1 and creationKey = ?2", userId, creationKey).firstResultOptional();
    }

    public static Optional<ApiToken> findHexByDigest(String digest) {
        return find("secretDigest = ?1 and type = ?2", digest, Type.HEX).firstResultOptional();
    }

    /** A page of the user's unrevoked tokens, newest first, after the given position (keyset pagination). */
    public static List<ApiToken> page(UUID userId, Instant afterCreated, UUID afterId, int limit) {
        if (afterCreated == null) {
            return find("userId = ?1 and revokedAt is null order by createdAt desc, id desc", userId).page(0, limit).list();
        }
        return find("userId = ?1 and revokedAt is null and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                userId, afterCreated, afterId).page(0, limit).list();
    }
}
