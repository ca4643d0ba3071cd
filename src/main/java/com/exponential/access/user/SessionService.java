package com.exponential.access.user;

import com.exponential.access.common.Digests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Starts, resolves and ends dashboard sessions, stored server-side so that log-out is immediate on every replica. */
@ApplicationScoped
public class SessionService {

    public static final String COOKIE = "exp_session";

    private final SecureRandom random = new SecureRandom();
    private final byte[] key;
    private final SessionConfig config;

    SessionService(SessionConfig config) {
        this.config = config;
        this.key = Base64.getDecoder().decode(config.key().trim());
    }

    /** Opens a session for the user and returns the cookie value, which is never stored. */
    @Transactional
    public String start(User user) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        UserSession session = new UserSession();
        session.userId = user.id;
        session.tokenDigest = digest(value);
        session.expiresAt = session.createdAt.plus(config.lifetime());
        session.persist();
        return value;
    }

    public Optional<User> resolve(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        return UserSession.findLive(digest(cookieValue), Instant.now()).flatMap(s -> User.findByIdOptional(s.userId));
    }

    @Transactional
    public void end(String cookieValue) {
        if (cookieValue != null && !cookieValue.isBlank()) {
            UserSession.delete("tokenDigest", digest(cookieValue));
        }
    }

    public int maxAgeSeconds() {
        return (int) config.lifetime().toSeconds();
    }

    private String digest(String cookieValue) {
        return Digests.hmacSha256Hex(key, cookieValue);
    }
}
