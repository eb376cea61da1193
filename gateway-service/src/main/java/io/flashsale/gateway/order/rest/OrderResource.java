package io.flashsale.gateway.order.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flashsale.contract.Ids;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemException;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.identity.Caller;
import io.flashsale.gateway.identity.Callers;
import io.flashsale.gateway.order.service.GatewayMetrics;
import io.flashsale.gateway.order.service.InFlightOrders;
import io.flashsale.gateway.order.service.OrderPlacement;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/sales/{saleId}/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderPlacement placement;
    private final InFlightOrders inFlight;
    private final GatewayMetrics metrics;
    private final SecurityIdentity identity;
    private final Callers callers;
    private final int maxQuantity;

    public OrderResource(OrderPlacement placement, InFlightOrders inFlight, GatewayMetrics metrics,
            SecurityIdentity identity, Callers callers, GatewayConfig config) {
        this.placement = placement;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.identity = identity;
        this.callers = callers;
        this.maxQuantity = config.orders().maxQuantity();
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Order units of a sale", description = "202 once the order is reserved and in Kafka. "
            + "The buyer is the bearer token's subject; a body's userId, if any, must name the same buyer.")
    @APIResponse(responseCode = "202", description = "Reserved and acknowledged by Kafka: PENDING, with its status URL "
            + "in Location. A repeat with the same Idempotency-Key answers the same order")
    @APIResponse(responseCode = "400", description = "invalid-request (names the field) or malformed-json",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "unauthenticated, invalid-token, token-expired or "
            + "token-not-yet-valid, with WWW-Authenticate: Bearer", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "buyer-mismatch: the body's userId is not the token's buyer; "
            + "forbidden: the token names no usable buyer", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "sale-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "sale-not-active (with reason), limit-reached (with limit) or "
            + "sold-out", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "payload-too-large", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "unsupported-media-type",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "rate-limited, with Retry-After and the limit (buyer or address) "
            + "whose bucket is empty; nothing reserved", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "With Retry-After: sale-recovering, overloaded, "
            + "dependency-unavailable (kafka or redis; nothing reserved, or on a Redis timeout the orderId to follow) "
            + "or publish-unconfirmed (reserved; follow orderId)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> place(@PathParam("saleId") String saleId,
            @Parameter(description = "A repeat with the same key returns the first answer")
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Context HttpServerRequest http,
            OrderRequest request) {
        validate(saleId, idempotencyKey, request);
        Caller buyer = callers.of(identity);
        if (request.userId() != null && !request.userId().equals(buyer.buyerId())) {
            throw Problem.of(ProblemType.BUYER_MISMATCH, "the body's userId is not the buyer the token names; "
                    + "leave it out").with("field", "userId").exception();
        }
        long started = System.nanoTime();
        String address = address(http);
        return inFlight.guard(() -> placement.place(saleId, buyer.buyerId(), address, request.quantity().intValue(),
                        idempotencyKey))
                .map(orderId -> accepted(orderId, saleId))
                .onItemOrFailure().invoke((response, failure) -> metrics.answered(started, failure == null
                        ? response.getStatus()
                        : failure instanceof ProblemException p ? p.problem().type().status() : 500));
    }

    /** The socket's peer, or the client a trusted proxy names (quarkus.http.proxy.*): never a header of the client's. */
    static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    /**
     * The 202, its body written here as bytes: the order id is a UUID and the sale id matched
     * {@link Ids#SALE_ID}, so neither needs escaping, and the JSON body writer is not chosen per
     * response on the hottest path.
     */
    static Response accepted(String orderId, String saleId) {
        String statusUrl = "/api/orders/" + orderId;
        byte[] body = ("{\"orderId\":\"" + orderId + "\",\"saleId\":\"" + saleId
                + "\",\"status\":\"PENDING\",\"statusUrl\":\"" + statusUrl + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Response.accepted(body).type(MediaType.APPLICATION_JSON_TYPE).location(URI.create(statusUrl)).build();
    }

    private void validate(String saleId, String idempotencyKey, OrderRequest request) {
        if (!Ids.isSaleId(saleId)) {
            throw Problem.invalid("saleId", "saleId must match " + Ids.SALE_ID.pattern()).exception();
        }
        if (idempotencyKey != null && !Ids.isIdempotencyKey(idempotencyKey)) {
            throw Problem.invalid(IDEMPOTENCY_KEY, "the idempotency key must be 1 to "
                    + Ids.IDEMPOTENCY_KEY_MAX_LENGTH + " visible characters").exception();
        }
        if (request == null) {
            throw Problem.of(ProblemType.INVALID_REQUEST, "a JSON body {\"quantity\"} is required")
                    .with("field", "body").exception();
        }
        if (request.quantity() == null || request.quantity() < 1 || request.quantity() > maxQuantity) {
            throw Problem.invalid("quantity", "quantity must be a whole number from 1 to " + maxQuantity)
                    .exception();
        }
    }
}
