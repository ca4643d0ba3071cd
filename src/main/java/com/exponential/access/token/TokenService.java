package com.exponential.access.token;

import com.exponential.access.common.Digests;
import com.exponential.access.common.EncryptedColumn;
import com.exponential.access.common.PageCursor;
import com.exponential.access.common.Problem;
import com.exponential.access.common.ProblemException;
import com.exponential.access.common.SecretCipher;
import com.exponential.access.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/** Issues, lists and revokes API tokens, and finds Hex Keys for webhook verification. */
@ApplicationScoped
public class TokenService {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 500;

    /** What a person asks for when creating a token. */
    public record NewToken(String name, String type, String expiresIn, String description) {
    }

    /** A freshly issued token with its value, which exists only in this object and the one answer that shows it. */
    public record Issued(ApiToken token, String value) {
    }

    /** A repeated submission (same creation key): the token exists, and its value cannot be shown again. */
    public static class AlreadyIssuedException extends Exception {
        public final ApiToken token;

        public AlreadyIssuedException(ApiToken token) {
            super("already issued", null, false, false);
            this.token = token;
        }
    }

    /** A Hex Key in clear, for checking a webhook signature. */
    public record HexKey(UUID tokenId, UUID userId, String secret) {
    }

    private static final Duration BROADCAST_WAIT = Duration.ofSeconds(2);

    private final SecureRandom random = new SecureRandom();
    private final SecretCipher cipher;
    private final JwtIssuer jwtIssuer;
    private final AccessCache cache;

    TokenService(SecretCipher cipher, JwtIssuer jwtIssuer, AccessCache cache) {
        this.cipher = cipher;
        this.jwtIssuer = jwtIssuer;
        this.cache = cache;
    }

    @Transactional(rollbackOn = AlreadyIssuedException.class)
    public Issued issue(User owner, NewToken request, UUID creationKey) throws AlreadyIssuedException {
        List<Problem.FieldError> errors = new ArrayList<>();
        String name = text(request.name());
        String description = text(request.description());
        if (name.isEmpty()) {
            errors.add(new Problem.FieldError("name", "Name is required."));
        } else if (name.length() > MAX_NAME) {
            errors.add(new Problem.FieldError("name", "Name must be at most " + MAX_NAME + " characters."));
        }
        ApiToken.Type type = parseType(request.type());
        if (type == null) {
            errors.add(new Problem.FieldError("type", "Type must be HEX or JWT."));
        }
        Optional<Expiry> expiry = Expiry.fromCode(request.expiresIn() == null ? "" : request.expiresIn().trim());
        if (expiry.isEmpty()) {
            errors.add(new Problem.FieldError("expiresIn", "Expires In must be one of " + Expiry.allowed() + "."));
        }
        if (description.length() > MAX_DESCRIPTION) {
            errors.add(new Problem.FieldError("description", "Description must be at most " + MAX_DESCRIPTION + " characters."));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Bad Request", "The token request is invalid.", errors);
        }
        if (creationKey != null) {
            Optional<ApiToken> earlier = ApiToken.findByCreationKey(owner.id, creationKey);
            if (earlier.isPresent()) {
                throw new AlreadyIssuedException(earlier.get());
            }
        }

        ApiToken token = new ApiToken();
        token.userId = owner.id;
        token.name = name;
        token.description = description.isEmpty() ? null : description;
        token.type = type;
        token.expiresAt = token.createdAt.plus(expiry.get().duration);
        token.creationKey = creationKey;
        String value;
        if (type == ApiToken.Type.HEX) {
            value = newHexKey();
            token.secretDigest = Digests.sha256Hex(value);
            token.secretCiphertext = cipher.encrypt(value, cipherContext(token.id));
        } else {
            value = jwtIssuer.sign(token, owner.email);
        }
        token.hint = value.substring(value.length() - 4);
        token.persist();
        return new Issued(token, value);
    }

    /** One page of the user's tokens (revoked ones have left the list), newest first. */
    public List<ApiToken> list(UUID userId, PageCursor after, int limit) {
        return ApiToken.page(userId, after == null ? null : after.createdAt(), after == null ? null : after.id(), limit);
    }

    /**
     * Revokes the user's token at once and for good; false when the user has no such (unrevoked) token.
     * Answers only once the revocation has been broadcast to every replica's access cache.
     */
    public boolean revoke(UUID userId, UUID tokenId) {
        String key = "token:" + tokenId;
        CountDownLatch broadcast = cache.expect(key);
        boolean revoked = QuarkusTransaction.requiringNew().call(() ->
                ApiToken.update("revokedAt = ?1 where id = ?2 and userId = ?3 and revokedAt is null", Instant.now(), tokenId, userId) == 1);
        cache.invalidate(key);
        if (revoked) {
            cache.awaitBroadcast(key, broadcast, BROADCAST_WAIT);
        } else {
            cache.forget(key, broadcast);
        }
        return revoked;
    }

    /** What a webhook check needs of a Hex Key's row; the secret stays encrypted while it is cached. */
    record HexKeyRow(UUID tokenId, UUID userId, Instant expiresAt, Instant revokedAt, String secretCiphertext) {
    }

    /**
     * The Hex Key named by its public id, if it is unrevoked and unexpired. Its row comes from the access
     * cache (invalidated on every replica at the commit of a revocation, expiry change or deletion), so a
     * webhook costs no read; expiry is checked on every call, and the secret is decrypted per call.
     */
    public Optional<HexKey> activeHexKey(UUID tokenId) {
        return usable(cache.get(hexKeyEntry(tokenId), () -> ApiToken.<ApiToken>findByIdOptional(tokenId)
                .filter(t -> t.type == ApiToken.Type.HEX)
                .map(t -> new HexKeyRow(t.id, t.userId, t.expiresAt, t.revokedAt, t.secretCiphertext))
                .orElse(null)));
    }

    /**
     * The Hex Key if its row is in this replica's access cache and it is active, without touching the
     * database (so callable on an event loop); empty means "not known here": ask {@link #activeHexKey}.
     */
    public Optional<HexKey> cachedActiveHexKey(UUID tokenId) {
        return cache.<HexKeyRow>peek(hexKeyEntry(tokenId)).flatMap(this::usable);
    }

    private static String hexKeyEntry(UUID tokenId) {
        return "token:" + tokenId + AccessCache.WEBHOOK_KEY;
    }

    private Optional<HexKey> usable(HexKeyRow row) {
        if (row == null || row.revokedAt() != null || !row.expiresAt().isAfter(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(new HexKey(row.tokenId(), row.userId(), cipher.decrypt(row.secretCiphertext(), cipherContext(row.tokenId()))));
    }

    /** The Hex Key whose value is this, found by digest (one indexed look-up), if unrevoked and unexpired. */
    public Optional<HexKey> activeHexKeyByValue(String value) {
        return ApiToken.findHexByDigest(Digests.sha256Hex(value))
                .filter(t -> t.isUsable(Instant.now()))
                .map(this::reveal);
    }

    private HexKey reveal(ApiToken token) {
        return new HexKey(token.id, token.userId, cipher.decrypt(token.secretCiphertext, cipherContext(token.id)));
    }

    /** 128 random bits as exactly 32 lowercase hex characters: Fireflies accepts no prefix. */
    String newHexKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Where Hex Keys are stored encrypted, for the re-encryption after a key rotation. */
    @Produces
    @Singleton
    static EncryptedColumn hexKeyColumn() {
        return new EncryptedColumn("api_token", "secret_ciphertext", TokenService::cipherContext);
    }

    static String cipherContext(UUID tokenId) {
        return "api_token:" + tokenId;
    }

    private static ApiToken.Type parseType(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.trim()) {
            case "HEX" -> ApiToken.Type.HEX;
            case "JWT" -> ApiToken.Type.JWT;
            default -> null;
        };
    }

    private static String text(String value) {
        return value == null ? "" : value.trim();
    }
}
