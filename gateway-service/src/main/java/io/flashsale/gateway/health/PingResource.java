package io.flashsale.gateway.health;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.NonBlocking;

/**
 * A trivial endpoint on the same HTTP stack as the orders: it reads the request and answers a
 * constant, touching neither Redis nor Kafka. {@code ./flashsale bench} measures it as the ceiling
 * the order path is compared with, and it tells a load balancer or a client that this process
 * answers HTTP at all (readiness says more: whether it can take orders).
 */
@Path("/api/ping")
@PermitAll
@Tag(name = "ping")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    private static final String PONG = "{\"pong\":true}";

    @GET
    @NonBlocking
    @Operation(summary = "A constant answer, without touching Redis or Kafka")
    @APIResponse(responseCode = "200", description = "{\"pong\":true}")
    public String ping() {
        return PONG;
    }

    /** Same as GET, with a body of any content type read and ignored, as an order's would be. */
    @POST
    @NonBlocking
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A constant answer to a POST whose body is read and ignored")
    @APIResponse(responseCode = "200", description = "{\"pong\":true}")
    public String ping(String ignored) {
        return PONG;
    }
}
