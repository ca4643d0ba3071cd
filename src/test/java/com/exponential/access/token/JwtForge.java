package com.exponential.access.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/** Makes JWTs the service did not issue (or issued differently), to test that each one is refused. */
final class JwtForge {

    private static final ObjectMapper JSON = new ObjectMapper();

    final PrivateKey appKey;
    final RSAPublicKey appPublicKey;
    final String appKid;

    JwtForge() throws Exception {
        String file = ConfigProvider.getConfig().getValue("exponential.jwt.signing-key-file", String.class);
        String pem = Files.readString(Path.of(file)).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        appKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) appKey;
        appPublicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        appKid = JwtKeys.thumbprint(appPublicKey);
    }

    static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> claimsOf(String jwt) throws Exception {
        return JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), HashMap.class);
    }

    static Map<String, Object> headerOf(String jwt) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> header = JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), HashMap.class);
        return header;
    }

    String sign(Map<String, Object> claims) {
        return sign(claims, appKey, appKid);
    }

    static String sign(Map<String, Object> claims, PrivateKey key, String kid) {
        return Jwt.claims(claims).jws().algorithm(SignatureAlgorithm.RS256).keyId(kid).sign(key);
    }

    /** HS256 "signed" with the public key as HMAC secret: the classic algorithm-confusion attack. */
    String hs256WithPublicKey(Map<String, Object> claims) {
        return Jwt.claims(claims).jws().algorithm(SignatureAlgorithm.HS256).keyId(appKid)
                .sign(new SecretKeySpec(appPublicKey.getEncoded(), "HmacSHA256"));
    }

    static String unsigned(Map<String, Object> claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(JSON.writeValueAsBytes(claims)) + ".";
    }

    /** Same header and signature, with one claim changed in the payload. */
    static String tampered(String jwt, String claim, Object value) throws Exception {
        String[] parts = jwt.split("\\.");
        Map<String, Object> claims = claimsOf(jwt);
        claims.put(claim, value);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims)) + "." + parts[2];
    }
}
