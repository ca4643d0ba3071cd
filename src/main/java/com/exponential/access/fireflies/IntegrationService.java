package com.exponential.access.fireflies;

import com.exponential.access.common.EncryptedColumn;
import com.exponential.access.common.Problem;
import com.exponential.access.common.ProblemException;
import com.exponential.access.common.SecretCipher;
import com.exponential.access.token.ApiToken;
import com.exponential.access.workspace.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sets up a user's Fireflies integration and says, in words, what still keeps it from working. */
@ApplicationScoped
public class IntegrationService {

    public static final int MAX_API_KEY = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** What the set-up form sends. A blank apiKey keeps the stored one. */
    public record Setup(String apiKey, String tokenId, String workspaceId) {
    }

    /** The outcome of a save: whether Fireflies confirmed the key, and a note for the user when it could not. */
    public record Saved(Integration integration, boolean keyVerified, String note) {
    }

    private final SecretCipher cipher;
    private final FirefliesClient fireflies;
    private final DeliveryQueue queue;
    private final DeliveryWorker worker;

    IntegrationService(SecretCipher cipher, FirefliesClient fireflies, DeliveryQueue queue, DeliveryWorker worker) {
        this.cipher = cipher;
        this.fireflies = fireflies;
        this.queue = queue;
        this.worker = worker;
    }

    /**
     * Checks the form, checks a new API key against Fireflies (outside any transaction: no database
     * connection waits on Fireflies), stores it, and releases the deliveries that waited for the set-up.
     */
    public Saved save(UUID userId, Setup setup) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String apiKey = setup.apiKey() == null ? "" : setup.apiKey().trim();
        UUID tokenId = parse(setup.tokenId());
        UUID workspaceId = parse(setup.workspaceId());
        Optional<Integration> existing = Integration.fireflies(userId);
        if (apiKey.isEmpty() && existing.map(i -> i.apiKeyCiphertext == null).orElse(true)) {
            errors.add(new Problem.FieldError("apiKey", "Enter your Fireflies API key (Fireflies: Integrations, Fireflies API)."));
        } else if (apiKey.length() > MAX_API_KEY || apiKey.chars().anyMatch(Character::isWhitespace)) {
            errors.add(new Problem.FieldError("apiKey", "That does not look like a Fireflies API key."));
        }
        Optional<ApiToken> token = tokenId == null ? Optional.empty() : ApiToken.findOwned(userId, tokenId).filter(t -> t.type == ApiToken.Type.HEX);
        if (token.isEmpty()) {
            errors.add(new Problem.FieldError("tokenId", "Choose one of your Hex Keys (create one on the Tokens page)."));
        } else if (token.get().isExpired(Instant.now())) {
            errors.add(new Problem.FieldError("tokenId", "That Hex Key has expired: create a new one on the Tokens page."));
        }
        if (workspaceId == null || Membership.find(userId, workspaceId).isEmpty()) {
            errors.add(new Problem.FieldError("workspaceId", "Choose one of your workspaces."));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Bad Request", "The Fireflies set-up is incomplete.", errors);
        }
        Integration.KeyStatus keyStatus = null;
        String note = "";
        if (!apiKey.isEmpty()) {
            FirefliesClient.Result check = fireflies.checkKey(apiKey);
            if (check instanceof FirefliesClient.Rejected) {
                throw new ProblemException(400, "Bad Request", "Fireflies rejected the API key.", List.of(new Problem.FieldError("apiKey",
                        "Fireflies rejected this API key. Copy it again from Fireflies (Integrations, Fireflies API) and paste it here.")));
            }
            if (check instanceof FirefliesClient.Found) {
                keyStatus = Integration.KeyStatus.VALID;
            } else {
                keyStatus = Integration.KeyStatus.UNCHECKED;
                note = "Fireflies could not be reached to check the key, so it is saved unchecked; this page will say so if Fireflies rejects it later.";
            }
        }
        Integration saved = store(userId, apiKey.isEmpty() ? null : apiKey, keyStatus, tokenId, workspaceId);
        if (problemsForProcessing(saved).isEmpty()) {
            // After the set-up's commit, so that a delivery parked by anyone who did not see the
            // set-up yet is either released here or sees it when it looks again after its own commit.
            queue.release(userId);
        }
        worker.nudge();
        return new Saved(saved, keyStatus == Integration.KeyStatus.VALID, note);
    }

    @Transactional
    Integration store(UUID userId, String apiKey, Integration.KeyStatus keyStatus, UUID tokenId, UUID workspaceId) {
        Integration integration = Integration.fireflies(userId).orElseGet(() -> {
            Integration fresh = new Integration();
            fresh.userId = userId;
            return fresh;
        });
        integration.tokenId = tokenId;
        integration.workspaceId = workspaceId;
        integration.updatedAt = Instant.now();
        if (apiKey != null) {
            integration.apiKeyCiphertext = cipher.encrypt(apiKey, integration.cipherContext());
            integration.apiKeyHint = apiKey.length() >= 8 ? apiKey.substring(apiKey.length() - 4) : null;
            integration.keyStatus = keyStatus;
            integration.keyCheckedAt = keyStatus == Integration.KeyStatus.VALID ? Instant.now() : null;
        }
        integration.persist();
        return integration;
    }

    /** Where users' Fireflies API keys are stored encrypted, for the re-encryption after a key rotation. */
    @Produces
    @Singleton
    static EncryptedColumn apiKeyColumn() {
        return new EncryptedColumn("integration", "api_key_ciphertext", Integration::cipherContext);
    }

    /** Fireflies refused the stored key while processing: the user has to enter a new one. */
    @Transactional
    public void markRejected(UUID integrationId) {
        Integration.update("keyStatus = ?1, keyCheckedAt = ?2 where id = ?3", Integration.KeyStatus.REJECTED, Instant.now(), integrationId);
    }

    /** The stored Fireflies API key in clear, for a call to Fireflies. */
    public String apiKey(Integration integration) {
        return cipher.decrypt(integration.apiKeyCiphertext, integration.cipherContext());
    }

    /** Everything that keeps the integration from being Active, in words; empty when it is Active. */
    public List<String> problems(Integration integration) {
        List<String> problems = new ArrayList<>();
        if (integration == null || integration.tokenId == null) {
            problems.add("No Hex Key linked: create a Hex Key on the Tokens page and choose it below.");
        } else {
            Optional<ApiToken> token = ApiToken.findByIdOptional(integration.tokenId);
            Instant now = Instant.now();
            if (token.isEmpty() || token.get().revokedAt != null) {
                problems.add("The linked Hex Key was revoked: Fireflies' webhooks are refused. Create a new Hex Key, choose it below and update the webhook URL in Fireflies.");
            } else if (token.get().isExpired(now)) {
                problems.add("The linked Hex Key expired on " + WHEN.format(token.get().expiresAt)
                        + ": Fireflies' webhooks are refused. Create a new Hex Key, choose it below and update the webhook URL in Fireflies.");
            }
        }
        if (integration == null) {
            problems.add("Fireflies API key missing: enter it below so we can fetch your transcripts.");
            problems.add("No workspace chosen for your meetings and actions.");
            return problems;
        }
        problems.addAll(problemsForProcessing(integration));
        return problems;
    }

    /** What keeps waiting deliveries from being processed (the Hex Key matters only when webhooks arrive). */
    public List<String> problemsForProcessing(Integration integration) {
        List<String> problems = new ArrayList<>();
        if (integration.apiKeyCiphertext == null || integration.keyStatus == Integration.KeyStatus.MISSING) {
            problems.add("Fireflies API key missing: enter it below so we can fetch your transcripts.");
        } else if (integration.keyStatus == Integration.KeyStatus.REJECTED) {
            problems.add("Fireflies rejected the API key: enter a new one below.");
        }
        if (integration.workspaceId == null) {
            problems.add("No workspace chosen for your meetings and actions.");
        } else if (Membership.find(integration.userId, integration.workspaceId).isEmpty()) {
            problems.add("You are no longer a member of the chosen workspace: choose another one.");
        }
        return problems;
    }

    private static UUID parse(String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
