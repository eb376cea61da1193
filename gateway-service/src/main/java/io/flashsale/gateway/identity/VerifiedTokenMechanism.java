package io.flashsale.gateway.identity;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Asked before quarkus-oidc's bearer mechanism: a bearer token that the provider's keys verified before
 * (in {@link VerifiedTokens}) is the identity verified then, without the OIDC mechanism's work for it
 * (which decodes the token's JSON again on every request before any provider is asked). Any other
 * request (no bearer token, or one not seen before) goes on to the OIDC mechanism unchanged: it
 * verifies the token, answers every failure, and sends every challenge.
 */
@ApplicationScoped
public class VerifiedTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final VerifiedTokens tokens;

    public VerifiedTokenMechanism(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = bearerToken(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        VerifiedTokens.Verified verified = token == null ? null : tokens.find(token, true);
        if (verified == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new VerifiedTokenRequest(token, verified), context));
    }

    /** The token of an {@code Authorization: Bearer} header, or null for any other header or none. */
    static String bearerToken(String header) {
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }

    /** Never this mechanism's: the OIDC mechanism's challenge ({@code WWW-Authenticate: Bearer}) is sent. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return Uni.createFrom().item(Boolean.FALSE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(VerifiedTokenRequest.class);
    }

    /** Before quarkus-oidc's mechanism (the default priority, 1000, and one more). */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
