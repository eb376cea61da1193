package io.flashsale.gateway.order.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * order-service's read API: the gateway asks it whether an order is persisted, as itself (a
 * client-credentials token of its own, with the role order-service asks for).
 */
@RegisterRestClient(configKey = "order-service")
@OidcClientFilter
@Path("/api/orders")
public interface OrderServiceClient {

    /** 200 with the order, or 404; any status is returned, never thrown. */
    @GET
    @Path("/{orderId}")
    Uni<Response> get(@PathParam("orderId") String orderId);
}
