package io.flashsale.tools.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.flashsale.contract.Roles;
import io.flashsale.stack.KeycloakServer;
import io.flashsale.stack.identity.SigningKey;
import io.flashsale.stack.identity.TokenMinter;

/**
 * The access tokens the tools present, minted with the embedded realm's own signing key: one per
 * simulated buyer (its subject the buyer id), and the tools' own, with the admin, ops and support roles,
 * for creating sales, running reconciliation and reading orders back. They verify exactly as tokens the
 * realm issues after a login, without thousands of logins. A token is minted again when less than a
 * tenth of its lifespan is left, so a long soak never sends an expired one.
 */
public final class Tokens {

    /** The subject of the tools' own token. */
    public static final String TOOLS = "flashsale-tools";

    private final TokenMinter minter;
    private final Duration lifespan;
    private final ConcurrentHashMap<String, Minted> cache = new ConcurrentHashMap<>();

    private record Minted(String token, Instant renewAt) {
    }

    public Tokens(TokenMinter minter, Duration lifespan) {
        this.minter = minter;
        this.lifespan = lifespan;
    }

    /** The tokens of the embedded realm this Keycloak serves. */
    public static Tokens of(KeycloakServer keycloak) {
        return new Tokens(keycloak.minter(), Duration.ofHours(1));
    }

    /** The tokens of a realm known by its issuer URL and its signing key's file (a running stack's). */
    public static Tokens of(String issuer, Path signingKey) {
        return new Tokens(new TokenMinter(SigningKey.loadOrCreate(signingKey), issuer), Duration.ofHours(1));
    }

    public String issuer() {
        return minter.issuer();
    }

    /** A buyer's token: its subject is the buyer id. */
    public String buyer(String buyerId) {
        return cached("buyer:" + buyerId, () -> mint(buyerId));
    }

    /** The tools' own token: admin (sales), ops (reconciliation) and support (reading orders back). */
    public String tools() {
        return cached("tools", () -> mint(TOOLS, Roles.ADMIN, Roles.OPS, Roles.SUPPORT));
    }

    /**
     * Tokens of {@code count} distinct buyers ({@code prefix} and a number), minted on every core at once:
     * the bench's pool, made before anything is measured (an RS256 signature costs about a millisecond).
     */
    public List<String> buyers(String prefix, int count) throws Exception {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> minted = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String buyer = prefix + i;
                minted.add(pool.submit(() -> mint(buyer)));
            }
            List<String> tokens = new ArrayList<>(count);
            for (Future<String> token : minted) {
                tokens.add(token.get());
            }
            return tokens;
        } finally {
            pool.shutdownNow();
        }
    }

    private String mint(String subject, String... roles) {
        Instant now = Instant.now();
        return minter.claims(subject).roles(roles).issuedAt(now).expiresAt(now.plus(lifespan)).sign();
    }

    private String cached(String key, java.util.function.Supplier<String> mint) {
        Instant now = Instant.now();
        return cache.compute(key, (k, held) -> held != null && now.isBefore(held.renewAt()) ? held
                : new Minted(mint.get(), now.plus(lifespan.multipliedBy(9).dividedBy(10)))).token();
    }
}
