package com.exponential.access.token;

import com.exponential.access.common.Digests;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RSA keys of issued JWTs: the signing key and the public keys of earlier signing keys, each
 * named by its RFC 7638 thumbprint as kid, so a rotation never breaks tokens already issued.
 */
@ApplicationScoped
public class JwtKeys {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private final PrivateKey signingKey;
    private final String signingKeyId;
    private final Map<String, RSAPublicKey> verificationKeys;

    JwtKeys(TokenConfig config) {
        this.signingKey = readPrivateKey(Path.of(config.signingKeyFile()));
        RSAPublicKey signingPublic = publicOf((RSAPrivateCrtKey) signingKey);
        this.signingKeyId = thumbprint(signingPublic);
        Map<String, RSAPublicKey> all = new LinkedHashMap<>();
        all.put(signingKeyId, signingPublic);
        config.previousKeysFile().ifPresent(file -> readPublicKeys(Path.of(file)).forEach(k -> all.putIfAbsent(thumbprint(k), k)));
        this.verificationKeys = Collections.unmodifiableMap(all);
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public String signingKeyId() {
        return signingKeyId;
    }

    public Optional<PublicKey> verificationKey(String kid) {
        return Optional.ofNullable(verificationKeys.get(kid));
    }

    /** The JWKS document of /.well-known/jwks.json. */
    public Map<String, Object> jwks() {
        List<Map<String, String>> keys = new ArrayList<>();
        verificationKeys.forEach((kid, key) -> keys.add(Map.of(
                "kty", "RSA", "use", "sig", "alg", "RS256", "kid", kid,
                "n", base64Url(key.getModulus()), "e", base64Url(key.getPublicExponent()))));
        return Map.of("keys", keys);
    }

    static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\"" + base64Url(key.getModulus()) + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] unsigned = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }

    private static RSAPublicKey publicOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not derive the public key of the JWT signing key", e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) {
        List<byte[]> blocks = pemBlocks(file, "PRIVATE KEY");
        if (blocks.isEmpty()) {
            throw new IllegalStateException("EXPONENTIAL_JWT_SIGNING_KEY_FILE " + file + " holds no PEM \"PRIVATE KEY\" (PKCS#8) block");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(blocks.get(0)));
            if (!(key instanceof RSAPrivateCrtKey)) {
                throw new IllegalStateException("The JWT signing key must be an RSA key with CRT parameters");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EXPONENTIAL_JWT_SIGNING_KEY_FILE " + file + " is not an RSA PKCS#8 key", e);
        }
    }

    private static List<RSAPublicKey> readPublicKeys(Path file) {
        List<RSAPublicKey> keys = new ArrayList<>();
        for (byte[] block : pemBlocks(file, "PUBLIC KEY")) {
            try {
                keys.add((RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(block)));
            } catch (GeneralSecurityException | ClassCastException e) {
                throw new IllegalStateException("EXPONENTIAL_JWT_PREVIOUS_KEYS_FILE " + file + " holds a key that is not an RSA public key", e);
            }
        }
        return keys;
    }

    private static List<byte[]> pemBlocks(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read key file " + file, e);
        }
        List<byte[]> blocks = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                blocks.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return blocks;
    }
}
