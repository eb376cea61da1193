package io.flashsale.gateway.identity;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token found among those verified before, with what was verified then. */
final class VerifiedTokenRequest extends BaseAuthenticationRequest {

    private final TokenCredential token;
    private final VerifiedTokens.Verified verified;

    VerifiedTokenRequest(String token, VerifiedTokens.Verified verified) {
        this.token = new TokenCredential(token, "bearer");
        this.verified = verified;
    }

    TokenCredential token() {
        return token;
    }

    VerifiedTokens.Verified verified() {
        return verified;
    }
}
