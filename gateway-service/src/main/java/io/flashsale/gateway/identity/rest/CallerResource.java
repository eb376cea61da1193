package io.flashsale.gateway.identity.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flashsale.contract.problem.Problem;
import io.flashsale.gateway.identity.Caller;
import io.flashsale.gateway.identity.Callers;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Who the gateway takes the caller for: the buyer its token names, verified the way an order's is. A
 * client checks its token here before a sale opens; {@code ./flashsale bench} measures it beside
 * {@code GET /api/ping} to price token verification per request (the same HTTP stack, touching neither
 * Redis nor Kafka).
 */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identity")
public class CallerResource {

    private final SecurityIdentity identity;
    private final Callers callers;

    public CallerResource(SecurityIdentity identity, Callers callers) {
        this.identity = identity;
        this.callers = callers;
    }

    @GET
    @NonBlocking
    @Authenticated
    @Operation(summary = "The buyer the bearer token names, and whether it may see every order (support)")
    @APIResponse(responseCode = "200", description = "{\"buyerId\": ..., \"support\": false}")
    @APIResponse(responseCode = "401", description = "unauthenticated, invalid-token, token-expired or "
            + "token-not-yet-valid, with WWW-Authenticate: Bearer", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "forbidden: the token names no usable buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Caller me() {
        return callers.of(identity);
    }
}
