package io.flashsale.gateway.identity;

import jakarta.enterprise.context.ApplicationScoped;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.flashsale.contract.Ids;
import io.flashsale.contract.Roles;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.gateway.config.GatewayConfig;
import io.quarkus.security.identity.SecurityIdentity;

/** Reads the caller from a verified identity: the buyer id from the configured claim. */
@ApplicationScoped
public class Callers {

    private final String buyerClaim;
    private final VerifiedTokens tokens;

    public Callers(GatewayConfig config, VerifiedTokens tokens) {
        this.buyerClaim = config.identity().buyerClaim();
        this.tokens = tokens;
    }

    /**
     * The buyer of a request whose bearer token this gateway verified before and still remembers, read
     * straight from the cache of verified tokens, without the authentication mechanisms; null for anything
     * else (no token, a token not remembered, no usable buyer id), which the mechanisms must then answer.
     */
    public String rememberedBuyer(String authorization) {
        String token = VerifiedTokenMechanism.bearerToken(authorization);
        VerifiedTokens.Verified verified = token == null ? null : tokens.find(token, false);
        String buyerId = verified == null ? null : buyerId(verified.principal());
        return Ids.isUserId(buyerId) ? buyerId : null;
    }

    /**
     * The caller of an authenticated request; 403 {@code forbidden} when the token has no usable buyer
     * id (the claim is missing, or not 1 to {@value Ids#USER_ID_MAX_LENGTH} visible characters).
     */
    public Caller of(SecurityIdentity identity) {
        String buyerId = identity.getPrincipal() instanceof JsonWebToken token ? buyerId(token) : null;
        if (!Ids.isUserId(buyerId)) {
            throw Problem.of(ProblemType.FORBIDDEN, "the token's " + buyerClaim + " claim is not a usable buyer id")
                    .with("claim", buyerClaim).exception();
        }
        return new Caller(buyerId, identity.hasRole(Roles.SUPPORT));
    }

    private String buyerId(JsonWebToken token) {
        Object claim = token.getClaim(buyerClaim);
        return claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
    }
}
