package io.flashsale.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.flashsale.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.json.JsonObject;

/**
 * Bearer tokens that the provider's keys verified, remembered by the SHA-256 of the token, so that a
 * buyer's next request with the same token (a retry, a status poll, a bot's thousandth try) costs a
 * hash instead of a signature check and three JSON parses. An entry lives until the token's {@code exp},
 * and at most {@code flashsale.identity.token-cache.max-age}. Only what the gateway reads is kept (the
 * subject, the buyer claim, the roles), never the token itself.
 *
 * <p>Key rotation: quarkus-oidc reads the provider's JWKS again when a token names a key id it does not
 * know, and from then on a withdrawn key verifies nothing. So when a token of a key id not seen before
 * is verified, every token remembered is forgotten and verified again on its next use, against the keys
 * quarkus-oidc holds now: the cache never trusts a key longer than quarkus-oidc does. The max-age bounds
 * what no new key announces (a key withdrawn with nothing taking over).
 *
 * <p>Created at start, so that its hit and miss series are scraped at 0 before the first token.
 */
@Startup
@ApplicationScoped
public class VerifiedTokens {

    /** The attribute of an identity that came from here, which is then not remembered again. */
    static final String FROM_CACHE = "flashsale.verified-token";

    /** What the gateway needs of a verified token. */
    record Verified(JsonWebToken principal, Set<String> roles, long expiresAtSeconds) {
    }

    private final Cache<String, Verified> cache;
    /** The key ids ({@code kid}) of the tokens verified so far; "" for a token that names none. */
    private final Set<String> signingKeys = ConcurrentHashMap.newKeySet();
    private final String buyerClaim;
    private final Counter hits;
    private final Counter misses;

    public VerifiedTokens(GatewayConfig config, MeterRegistry registry) {
        GatewayConfig.Identity identity = config.identity();
        this.buyerClaim = identity.buyerClaim();
        long maxAgeNanos = identity.tokenCache().maxAge().toNanos();
        this.cache = identity.tokenCache().size() <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(identity.tokenCache().size())
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String key, Verified value, long now) {
                        long untilExp = Duration.ofSeconds(value.expiresAtSeconds()).toNanos()
                                - Duration.ofMillis(System.currentTimeMillis()).toNanos();
                        return Math.max(0, Math.min(untilExp, maxAgeNanos));
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verified value, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(String key, Verified value, long now, long current) {
                        return current;
                    }
                })
                .build();
        this.hits = Counter.builder("flashsale.gateway.token.cache").tag("result", "hit")
                .description("Bearer tokens answered from the cache of verified tokens, or verified against the keys")
                .register(registry);
        this.misses = Counter.builder("flashsale.gateway.token.cache").tag("result", "miss").register(registry);
    }

    /**
     * The verified token, or null: not seen, expired, or the cache is off.
     *
     * @param countMiss false where a miss goes on to the authentication mechanisms, which count it then
     */
    Verified find(String token, boolean countMiss) {
        Verified verified = cache == null ? null : cache.getIfPresent(key(token));
        if (verified != null && verified.expiresAtSeconds() * 1000 > System.currentTimeMillis()) {
            hits.increment();
            return verified;
        }
        if (countMiss) {
            misses.increment();
        }
        return null;
    }

    /** Remembers a token the provider's keys just verified. */
    void remember(String token, SecurityIdentity identity) {
        if (cache == null || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String name : new String[] {"sub", "iss", "exp", "iat", buyerClaim}) {
            Object value = jwt.getClaim(name);
            if (value != null) {
                claims.put(name, value instanceof jakarta.json.JsonString s ? s.getString()
                        : value instanceof jakarta.json.JsonNumber n ? n.longValue() : value);
            }
        }
        if (signingKeys.add(keyId(token)) && signingKeys.size() > 1) {
            // A key not seen before: the keys may have rotated, and one withdrawn with it.
            cache.invalidateAll();
        }
        cache.put(key(token), new Verified(new VerifiedPrincipal(jwt.getName(), claims), Set.copyOf(identity.getRoles()),
                jwt.getExpirationTime()));
    }

    /** The {@code kid} of a token's JOSE header (the token verified, so the header is well formed), or "". */
    static String keyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return "";
        }
        try {
            String kid = new JsonObject(new String(Base64.getUrlDecoder().decode(token.substring(0, dot)),
                    StandardCharsets.UTF_8)).getString("kid");
            return kid == null ? "" : kid;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The few claims of a verified token the gateway reads, as the principal of a cached identity. */
    private record VerifiedPrincipal(String name, Map<String, Object> claims) implements JsonWebToken {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T) claims.get(claimName);
        }
    }
}
