package io.flashsale.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.stack.identity.SigningKey;

/**
 * The Authorization headers a service must refuse with 401, each with the problem type it must answer:
 * what a broken client, a stale token and a forger send. Every token is for {@code subject} and would be
 * valid but for the one thing named.
 */
public final class BadTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One refused header: its name in a test report, the header (null: none), the problem type's slug. */
    public record BadToken(String name, String authorization, String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    private BadTokens() {
    }

    /** Every bad header for a service whose tokens must carry {@code audience}. */
    public static List<BadToken> all(TestIssuer issuer, String subject, String audience) {
        Instant now = Instant.now();
        SigningKey stranger = SigningKey.generate();
        SigningKey current = issuer.minter().key();
        SigningKey forger = new SigningKey(current.kid(), stranger.privateKey(), stranger.publicKey());
        Map<String, Object> valid = issuer.claims(subject).audience(audience).asMap();
        return List.of(
                new BadToken("no token", null, "unauthenticated"),
                new BadToken("another scheme", "Basic " + base64("buyer:password"), "unauthenticated"),
                new BadToken("not a JWT", "Bearer not-a-jwt", "invalid-token"),
                new BadToken("expired", bearer(issuer.claims(subject).audience(audience)
                        .issuedAt(now.minus(Duration.ofMinutes(20))).expiresAt(now.minus(Duration.ofMinutes(5)))
                        .sign()), "token-expired"),
                new BadToken("not yet valid", bearer(issuer.claims(subject).audience(audience)
                        .notBefore(now.plus(Duration.ofMinutes(5))).sign()), "token-not-yet-valid"),
                new BadToken("another issuer", bearer(issuer.claims(subject).audience(audience)
                        .issuer("https://issuer.invalid/realms/flashsale").sign()), "invalid-token"),
                new BadToken("another audience", bearer(issuer.claims(subject).audience("some-other-api").sign()),
                        "invalid-token"),
                new BadToken("forged signature", bearer(issuer.claims(subject).audience(audience).signedWith(forger)
                        .sign()), "invalid-token"),
                new BadToken("a key the issuer never published", bearer(issuer.claims(subject).audience(audience)
                        .signedWith(stranger).sign()), "invalid-token"),
                new BadToken("alg none", bearer(unsigned(current.kid(), valid)), "invalid-token"),
                new BadToken("HS256 signed with the public key", bearer(hs256(current, valid)), "invalid-token"));
    }

    /** The header of {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** {@code "alg": "none"}: no signature at all. */
    private static String unsigned(String kid, Map<String, Object> claims) {
        return encode(Map.of("alg", "none", "typ", "JWT", "kid", kid)) + "." + encode(claims) + ".";
    }

    /** The classic confusion: HMAC-SHA256 keyed with the bytes of the RSA public key, which anyone has. */
    private static String hs256(SigningKey key, Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        header.put("kid", key.kid());
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.publicKey().getEncoded(), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
