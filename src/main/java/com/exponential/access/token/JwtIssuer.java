package com.exponential.access.token;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Signs JWT tokens carrying only iss, sub, upn, groups, jti, iat and exp: no other personal data. */
@ApplicationScoped
public class JwtIssuer {

    public static final String API_GROUP = "api";

    private final JwtKeys keys;
    private final TokenConfig config;

    JwtIssuer(JwtKeys keys, TokenConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public String sign(ApiToken token, String email) {
        return Jwt.issuer(config.issuer())
                .subject(token.userId.toString())
                .upn(email)
                .groups(Set.of(API_GROUP))
                .claim("jti", token.id.toString())
                .issuedAt(token.createdAt.getEpochSecond())
                .expiresAt(token.expiresAt.getEpochSecond())
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.signingKeyId())
                .sign(keys.signingKey());
    }
}
