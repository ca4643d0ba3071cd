package com.exponential.access.fireflies;

import com.exponential.access.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A user's connection to Fireflies: their API key (encrypted), the Hex Key that signs its webhooks, the receiving workspace. */
@Entity
@Table(name = "integration")
public class Integration extends BaseEntity {

    /** The outside services we integrate with. */
    public enum Provider { FIREFLIES }

    /** What we know about the stored Fireflies API key. */
    public enum KeyStatus { MISSING, UNCHECKED, VALID, REJECTED }

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Provider provider = Provider.FIREFLIES;

    @Column(name = "token_id")
    public UUID tokenId;

    @Column(name = "workspace_id")
    public UUID workspaceId;

    @Column(name = "api_key_ciphertext", length = 1000)
    public String apiKeyCiphertext;

    @Column(name = "api_key_hint", length = 4)
    public String apiKeyHint;

    @Enumerated(EnumType.STRING)
    @Column(name = "key_status", nullable = false, length = 10)
    public KeyStatus keyStatus = KeyStatus.MISSING;

    @Column(name = "key_checked_at")
    public Instant keyCheckedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = createdAt;

    public String cipherContext() {
        return cipherContext(id);
    }

    /** The associated data of a row's API key ciphertext: it cannot be moved to another row. */
    static String cipherContext(UUID id) {
        return "integration:" + id;
    }

    public static Optional<Integration> fireflies(UUID userId) {
        return find("userId = ?1 and provider = ?2", userId, Provider.FIREFLIES).firstResultOptional();
    }
}
