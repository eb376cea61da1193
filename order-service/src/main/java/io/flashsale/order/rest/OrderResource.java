package io.flashsale.order.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flashsale.contract.Ids;
import io.flashsale.contract.Roles;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.order.persistence.OrderRepository;
import io.flashsale.order.persistence.RejectedOrderRepository;
import io.flashsale.order.persistence.SaleFilter;

/**
 * Persisted and rejected orders, for support (the role flashsale-support; the gateway asks with a token
 * of its own that carries it).
 */
@Path("/api/orders")
@RolesAllowed(Roles.SUPPORT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final OrderRepository orders;
    private final RejectedOrderRepository rejected;

    OrderResource(OrderRepository orders, RejectedOrderRepository rejected) {
        this.orders = orders;
        this.rejected = rejected;
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "One order: CONFIRMED (persisted) or REJECTED (refused by the database, with a reason)",
            description = "404 when the order is in neither table (not yet consumed, or unknown)")
    @APIResponse(responseCode = "200", description = "CONFIRMED, or REJECTED with its reason")
    @APIResponse(responseCode = "400", description = "invalid-request: orderId is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "unauthenticated, invalid-token, token-expired or "
            + "token-not-yet-valid, with WWW-Authenticate: Bearer", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "forbidden: the token lacks the role flashsale-support",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "order-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "dependency-unavailable: the database, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public OrderView get(@PathParam("orderId") String orderId) {
        UUID id = Ids.parseOrderId(orderId)
                .orElseThrow(() -> Problem.invalid("orderId", "orderId must be a UUID").exception());
        // An order id is in at most one of the two tables.
        return orders.findByIdOptional(id)
                .map(OrderView::of)
                .or(() -> rejected.findByIdOptional(id).map(OrderView::of))
                .orElseThrow(() -> Problem.of(ProblemType.ORDER_NOT_FOUND, "no persisted or rejected order " + id)
                        .with("orderId", id.toString()).exception());
    }

    // Parameters arrive as strings: a JAX-RS conversion failure would answer 404, not a 400 naming the field.
    @GET
    @Operation(summary = "Orders of a sale with one status (CONFIRMED by default, or REJECTED), optionally of one "
            + "user, ordered by seq", description = "Page with afterSeq = the last seq of the previous page")
    @APIResponse(responseCode = "200", description = "The orders, ordered by seq")
    @APIResponse(responseCode = "400", description = "invalid-request naming the field: saleId (required), userId, "
            + "afterSeq, limit (1 to 1000) or status", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "unauthenticated, invalid-token, token-expired or "
            + "token-not-yet-valid, with WWW-Authenticate: Bearer", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "forbidden: the token lacks the role flashsale-support",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "dependency-unavailable: the database, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public List<OrderView> list(@QueryParam("saleId") String saleId, @QueryParam("userId") String userId,
            @QueryParam("afterSeq") String afterSeq, @QueryParam("limit") String limit,
            @QueryParam("status") String status) {
        if (!Ids.isSaleId(saleId)) {
            throw Problem.invalid("saleId", "saleId is required and must match " + Ids.SALE_ID.pattern())
                    .exception();
        }
        if (userId != null && !Ids.isUserId(userId)) {
            throw Problem.invalid("userId", "userId must be 1 to " + Ids.USER_ID_MAX_LENGTH
                    + " visible characters").exception();
        }
        SaleFilter filter = new SaleFilter(saleId, Optional.ofNullable(userId), afterSeq(afterSeq), limit(limit));
        return switch (status(status)) {
            case CONFIRMED -> orders.listBySale(filter).stream().map(OrderView::of).toList();
            case REJECTED -> rejected.listBySale(filter).stream().map(OrderView::of).toList();
        };
    }

    private static OrderStatus status(String value) {
        if (value == null) {
            return OrderStatus.CONFIRMED;
        }
        return Arrays.stream(OrderStatus.values()).filter(s -> s.name().equals(value)).findFirst()
                .orElseThrow(() -> Problem.invalid("status", "status must be one of "
                        + Arrays.toString(OrderStatus.values())).exception());
    }

    private static long afterSeq(String value) {
        if (value == null) {
            return 0;
        }
        if (!value.matches("[0-9]{1,18}")) {
            throw Problem.invalid("afterSeq", "afterSeq must be a non-negative integer").exception();
        }
        return Long.parseLong(value);
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (value.matches("[0-9]{1,4}")) {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        throw Problem.invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT).exception();
    }
}
