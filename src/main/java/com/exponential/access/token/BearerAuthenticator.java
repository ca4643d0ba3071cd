package com.exponential.access.token;

import com.exponential.access.common.AuthenticationException;
import com.exponential.access.common.Digests;
import com.exponential.access.common.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies Bearer JWTs: signature (RS256 only, key chosen by kid), issuer and expiry with SmallRye
 * JWT, then, on every request, that the jti names an unrevoked, unexpired JWT token of the user in sub
 * (through {@link AccessCache}).
 * Every failure is an {@link AuthenticationException}, never a 500.
 */
@ApplicationScoped
public class BearerAuthenticator {

    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final int MAX_CACHED = 50_000;
    private static final String STATUS_QUERY = "select user_id, type, expires_at, revoked_at from api_token where id = ?";

    /** Claims of a token whose signature, issuer and expiry were verified. */
    record Verified(UUID userId, UUID tokenId, Instant expiresAt) {
    }

    private final JwtKeys keys;
    private final DefaultJWTParser parser;
    private final ObjectMapper json;
    private final AgroalDataSource database;
    private final LastUsedRecorder lastUsed;
    private final AccessCache cache;
    /** Signature checks cost ~35 µs of RSA; a token verified once is remembered (by digest) until it expires. */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    BearerAuthenticator(JwtKeys keys, TokenConfig config, ObjectMapper json, AgroalDataSource database, LastUsedRecorder lastUsed,
            AccessCache cache) {
        this.cache = cache;
        this.keys = keys;
        this.json = json;
        this.database = database;
        this.lastUsed = lastUsed;
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(config.issuer());
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        context.setRequiredClaims(Set.of("sub", "jti", "exp", "iat", "upn", "groups"));
        context.setClockSkew((int) config.clockSkew().toSeconds());
        context.setMaxTimeToLiveSecs(Expiry.NINETY_DAYS.duration.toSeconds() + 60);
        this.parser = new DefaultJWTParser(context);
    }

    /** The caller behind an Authorization header value, or an AuthenticationException saying why not. */
    public ApiCaller authenticate(String authorization, String remoteAddress) {
        String token = bearerToken(authorization);
        Verified claims = verifiedClaims(token);
        checkStillValid(claims);
        lastUsed.record(claims.tokenId(), remoteAddress);
        return new ApiCaller(claims.userId(), claims.tokenId());
    }

    /**
     * The caller, if everything needed is already in memory: a token verified before and not expired,
     * and its state in the access cache (only while invalidations are received), live. Empty means
     * "not known here" (never "refused"): {@link #authenticate} then decides, with the same answers.
     * Touches no database, so it may run on an event loop.
     */
    public Optional<ApiCaller> authenticateFromMemory(String authorization, String remoteAddress) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Verified claims = verified.get(Digests.sha256Hex(token));
        Instant now = Instant.now();
        if (claims == null || !claims.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        Optional<TokenState> state = cache.peek("token:" + claims.tokenId());
        if (state.isEmpty() || !live(state.get(), claims, now)) {
            return Optional.empty();
        }
        lastUsed.record(claims.tokenId(), remoteAddress);
        return Optional.of(new ApiCaller(claims.userId(), claims.tokenId()));
    }

    private static boolean live(TokenState state, Verified claims, Instant now) {
        return claims.userId().equals(state.userId()) && "JWT".equals(state.type()) && !state.revoked() && state.expiresAt().isAfter(now);
    }

    static String bearerToken(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthenticationException("A Bearer token is required: Authorization: Bearer <jwt>.", false);
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw AuthenticationException.invalidToken("The Authorization header must use the Bearer scheme.");
        }
        return parts[1];
    }

    private Verified verifiedClaims(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw AuthenticationException.invalidToken("The token is not a JWT issued by this service.");
        }
        String digest = Digests.sha256Hex(token);
        Verified cached = verified.get(digest);
        if (cached != null) {
            if (cached.expiresAt().isAfter(Instant.now())) {
                return cached;
            }
            verified.remove(digest);
            throw AuthenticationException.invalidToken("The token has expired.");
        }
        Verified fresh = verify(token);
        if (verified.size() >= MAX_CACHED) {
            verified.clear();
        }
        verified.put(digest, fresh);
        return fresh;
    }

    private Verified verify(String token) {
        PublicKey key = keyFor(token);
        JsonWebToken jwt;
        try {
            jwt = parser.verify(token, key);
        } catch (ParseException e) {
            throw AuthenticationException.invalidToken(describe(e));
        }
        try {
            if (jwt.getGroups() == null || !jwt.getGroups().contains(JwtIssuer.API_GROUP)) {
                throw AuthenticationException.invalidToken("The token does not grant API access.");
            }
            return new Verified(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getTokenID()),
                    Instant.ofEpochSecond(jwt.getExpirationTime()));
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw AuthenticationException.invalidToken("The token's claims are malformed.");
        }
    }

    /** Picks the verification key by the header's kid; tokens with any other alg or an unknown kid stop here. */
    private PublicKey keyFor(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw AuthenticationException.invalidToken("The token is not a signed JWT.");
        }
        JsonNode header;
        try {
            header = json.readTree(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw AuthenticationException.invalidToken("The token is not a signed JWT.");
        }
        if (header == null || !"RS256".equals(header.path("alg").asText())) {
            throw AuthenticationException.invalidToken("The token must be signed with RS256.");
        }
        return keys.verificationKey(header.path("kid").asText())
                .orElseThrow(() -> AuthenticationException.invalidToken("The token was signed by a key this service does not accept."));
    }

    /** What the database says about a token id: whose it is, its type, expiry and whether it is revoked. */
    record TokenState(UUID userId, String type, Instant expiresAt, boolean revoked) {
    }

    /**
     * Is the token still live? Answered from the access cache, which PostgreSQL invalidates on every
     * replica at the commit of any change, or with one indexed primary-key read when it cannot be trusted.
     */
    private void checkStillValid(Verified claims) {
        TokenState state = cache.get("token:" + claims.tokenId(), () -> loadState(claims.tokenId()));
        if (state == null || !claims.userId().equals(state.userId()) || !"JWT".equals(state.type())) {
            throw AuthenticationException.invalidToken("The token is unknown.");
        }
        if (state.revoked()) {
            throw AuthenticationException.invalidToken("The token has been revoked.");
        }
        if (!state.expiresAt().isAfter(Instant.now())) {
            throw AuthenticationException.invalidToken("The token has expired.");
        }
    }

    private TokenState loadState(UUID tokenId) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(STATUS_QUERY)) {
            statement.setObject(1, tokenId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Timestamp expires = row.getTimestamp(3);
                return new TokenState(row.getObject(1, UUID.class), row.getString(2), expires.toInstant(), row.getTimestamp(4) != null);
            }
        } catch (SQLException e) {
            throw new ProblemException(503, "Service Unavailable", "The token could not be checked right now; try again shortly.");
        }
    }

    private static String describe(ParseException e) {
        String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()).toLowerCase();
        if (message.contains("expir") || message.contains("no longer valid")) {
            return "The token has expired.";
        }
        if (message.contains("iss")) {
            return "The token was not issued by this service.";
        }
        if (message.contains("signature")) {
            return "The token's signature is invalid.";
        }
        return "The token is invalid.";
    }
}
