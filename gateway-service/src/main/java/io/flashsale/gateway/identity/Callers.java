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

    public Callers(GatewayConfig config) {
        this.buyerClaim = config.identity().buyerClaim();
    }

    /**
     * The caller of an authenticated request; 403 {@code forbidden} when the token has no usable buyer
     * id (the claim is missing, or not 1 to {@value Ids#USER_ID_MAX_LENGTH} visible characters).
     */
    public Caller of(SecurityIdentity identity) {
        Object claim = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim(buyerClaim) : null;
        String buyerId = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        if (!Ids.isUserId(buyerId)) {
            throw Problem.of(ProblemType.FORBIDDEN, "the token's " + buyerClaim + " claim is not a usable buyer id")
                    .with("claim", buyerClaim).exception();
        }
        return new Caller(buyerId, identity.hasRole(Roles.SUPPORT));
    }
}
