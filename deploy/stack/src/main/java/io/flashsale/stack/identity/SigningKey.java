package io.flashsale.stack.identity;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.flashsale.stack.StackException;

/**
 * An RSA key pair that signs tokens (RS256), with its key id: the same id Keycloak gives an
 * imported RSA key (base64url of the SHA-256 of the encoded public key), so that tokens minted with
 * it name the key the provider publishes.
 */
public record SigningKey(String kid, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {

    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return of((RSAPrivateCrtKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new StackException("cannot generate an RSA key: " + e.getMessage(), e);
        }
    }

    /** The key in {@code file} (PKCS#8 PEM), created there first if it does not exist. */
    public static SigningKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return fromPem(Files.readString(file));
            }
            SigningKey key = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, key.privateKeyPem());
            return key;
        } catch (IOException e) {
            throw new StackException("cannot read or write the signing key " + file + ": " + e.getMessage(), e);
        }
    }

    public static SigningKey fromPem(String pem) {
        String body = pem.replace(PEM_BEGIN, "").replace(PEM_END, "").replaceAll("\\s", "");
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            return of((RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new StackException("not a PKCS#8 RSA private key: " + e.getMessage(), e);
        }
    }

    private static SigningKey of(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
        return new SigningKey(Base64.getUrlEncoder().withoutPadding().encodeToString(digest), privateKey, publicKey);
    }

    /** The private key as PKCS#8 PEM. */
    public String privateKeyPem() {
        return PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(privateKey.getEncoded()) + "\n" + PEM_END + "\n";
    }

    /** The private key's PKCS#8 bytes in base64, on one line: what a Keycloak realm file imports. */
    public String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    /** The public half as a JSON Web Key, as a provider's JWKS lists it. */
    public Map<String, Object> jwk() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", unsigned(publicKey.getModulus()));
        jwk.put("e", unsigned(publicKey.getPublicExponent()));
        return jwk;
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
