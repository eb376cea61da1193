package io.flashsale.gateway.order.rest;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flashsale.contract.Ids;
import io.flashsale.contract.problem.Problem;
import io.flashsale.gateway.identity.Callers;
import io.flashsale.gateway.order.service.OrderStatusLookup;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderStatusResource {

    private final OrderStatusLookup status;
    private final SecurityIdentity identity;
    private final Callers callers;

    public OrderStatusResource(OrderStatusLookup status, SecurityIdentity identity, Callers callers) {
        this.status = status;
        this.identity = identity;
        this.callers = callers;
    }

    @GET
    @Path("/{orderId}")
    @Authenticated
    @Operation(summary = "Where an order stands: PENDING (reserved) or CONFIRMED (persisted)",
            description = "A buyer sees its own orders; the role flashsale-support sees every order. A REJECTED "
                    + "order (refused by the database's per-user guard) comes with its reason")
    @APIResponse(responseCode = "200", description = "PENDING, CONFIRMED or REJECTED")
    @APIResponse(responseCode = "400", description = "invalid-request: orderId is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "unauthenticated, invalid-token, token-expired or "
            + "token-not-yet-valid, with WWW-Authenticate: Bearer", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "forbidden: the token names no usable buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "order-not-found: no such order, or another buyer's (the same "
            + "answer, so that order ids cannot be probed)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "dependency-unavailable: redis, or order-service",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Map<String, Object>> order(@PathParam("orderId") String orderId) {
        if (Ids.parseOrderId(orderId).isEmpty()) {
            throw Problem.invalid("orderId", "orderId must be a UUID").exception();
        }
        return status.find(orderId, callers.of(identity));
    }
}
