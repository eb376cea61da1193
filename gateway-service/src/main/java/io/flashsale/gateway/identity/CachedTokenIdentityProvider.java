package io.flashsale.gateway.identity;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The identity of a bearer token verified before ({@link VerifiedTokenMechanism} found it): the principal,
 * roles and expiry remembered when the provider's keys verified it. Tokens not seen before are the OIDC
 * provider's, whose verified identity {@link VerifiedTokenAugmentor} then remembers.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<VerifiedTokenRequest> {

    @Override
    public Class<VerifiedTokenRequest> getRequestType() {
        return VerifiedTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(VerifiedTokenRequest request, AuthenticationRequestContext context) {
        VerifiedTokens.Verified verified = request.verified();
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(verified.principal())
                .addRoles(verified.roles())
                .addCredential(request.token())
                .addAttribute(VerifiedTokens.FROM_CACHE, Boolean.TRUE)
                .addAttribute("quarkus.identity.expire-time", verified.expiresAtSeconds());
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            identity.addAttribute(RoutingContext.class.getName(), routing);
        }
        return Uni.createFrom().item(identity.build());
    }
}
