package io.flashsale.stack.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs access tokens as an OpenID provider would (RS256, Keycloak's claim layout: roles under
 * {@code realm_access.roles}), for a subject and roles of the caller's choosing. The embedded
 * provider imports the same key, so a minted token and one the provider issued are verified alike.
 */
public final class TokenMinter {

    /** The audiences of the three services' APIs. */
    public static final List<String> AUDIENCES = List.of("flashsale-gateway", "flashsale-order-service",
            "flashsale-inventory-service");

    public static final Duration DEFAULT_LIFESPAN = Duration.ofMinutes(15);

    private final SigningKey key;
    private final String issuer;

    public TokenMinter(SigningKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    public String issuer() {
        return issuer;
    }

    public SigningKey key() {
        return key;
    }

    /** A token for {@code subject} with every service as audience, valid now for {@link #DEFAULT_LIFESPAN}. */
    public String token(String subject, String... roles) {
        return claims(subject).roles(roles).sign();
    }

    public Claims claims(String subject) {
        return new Claims(subject);
    }

    /** What a token says; every field has the value a real provider would give unless set. */
    public final class Claims {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private SigningKey signer = key;

        private Claims(String subject) {
            Instant now = Instant.now();
            claims.put("iss", issuer);
            claims.put("sub", subject);
            claims.put("aud", AUDIENCES);
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(DEFAULT_LIFESPAN).getEpochSecond());
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("typ", "Bearer");
            claims.put("azp", "flashsale-cli");
            claims.put("preferred_username", subject);
            claims.put("realm_access", Map.of("roles", List.of()));
        }

        public Claims roles(String... roles) {
            claims.put("realm_access", Map.of("roles", List.of(roles)));
            return this;
        }

        public Claims audience(String... audiences) {
            claims.put("aud", List.of(audiences));
            return this;
        }

        public Claims issuer(String value) {
            claims.put("iss", value);
            return this;
        }

        public Claims issuedAt(Instant at) {
            claims.put("iat", at.getEpochSecond());
            return this;
        }

        public Claims expiresAt(Instant at) {
            claims.put("exp", at.getEpochSecond());
            return this;
        }

        public Claims notBefore(Instant at) {
            claims.put("nbf", at.getEpochSecond());
            return this;
        }

        /** Any other claim; {@code null} removes one. */
        public Claims claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        /** Signs with another key than the minter's (one the provider never published, or one it deleted). */
        public Claims signedWith(SigningKey other) {
            this.signer = other;
            return this;
        }

        /** The claims as they stand, for a caller that signs them otherwise. */
        public Map<String, Object> asMap() {
            return Map.copyOf(claims);
        }

        public String sign() {
            return Jwt.claims(claims).jws().keyId(signer.kid()).algorithm(SignatureAlgorithm.RS256)
                    .sign(signer.privateKey());
        }
    }
}
