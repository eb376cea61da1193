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
import io.flashsale.gateway.order.service.OrderStatusLookup;
import io.smallrye.mutiny.Uni;

@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderStatusResource {

    private final OrderStatusLookup status;

    public OrderStatusResource(OrderStatusLookup status) {
        this.status = status;
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "Where an order stands: PENDING (reserved) or CONFIRMED (persisted)",
            description = "A REJECTED order (refused by the database's per-user guard) comes with its reason")
    @APIResponse(responseCode = "200", description = "PENDING, CONFIRMED or REJECTED")
    @APIResponse(responseCode = "400", description = "invalid-request: orderId is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "order-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "dependency-unavailable: redis, or order-service",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Map<String, Object>> order(@PathParam("orderId") String orderId) {
        if (Ids.parseOrderId(orderId).isEmpty()) {
            throw Problem.invalid("orderId", "orderId must be a UUID").exception();
        }
        return status.find(orderId);
    }
}
