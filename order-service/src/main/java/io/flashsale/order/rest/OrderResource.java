package io.flashsale.order.rest;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flashsale.contract.Ids;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.order.persistence.OrderRepository;

/** Persisted orders, for support and operations. */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final OrderRepository orders;

    OrderResource(OrderRepository orders) {
        this.orders = orders;
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "One persisted order", description = "404 when the order is not (yet) persisted")
    public OrderView get(@PathParam("orderId") String orderId) {
        UUID id = Ids.parseOrderId(orderId)
                .orElseThrow(() -> Problem.invalid("orderId", "orderId must be a UUID").exception());
        return orders.findByIdOptional(id)
                .map(OrderView::of)
                .orElseThrow(() -> Problem.of(ProblemType.ORDER_NOT_FOUND, "no persisted order " + id)
                        .with("orderId", id.toString()).exception());
    }

    // Parameters arrive as strings: a JAX-RS conversion failure would answer 404, not a 400 naming the field.
    @GET
    @Operation(summary = "Persisted orders of a sale, optionally of one user, ordered by seq",
            description = "Page with afterSeq = the last seq of the previous page")
    public List<OrderView> list(@QueryParam("saleId") String saleId, @QueryParam("userId") String userId,
            @QueryParam("afterSeq") String afterSeq, @QueryParam("limit") String limit) {
        if (!Ids.isSaleId(saleId)) {
            throw Problem.invalid("saleId", "saleId is required and must match " + Ids.SALE_ID.pattern())
                    .exception();
        }
        if (userId != null && !Ids.isUserId(userId)) {
            throw Problem.invalid("userId", "userId must be 1 to " + Ids.USER_ID_MAX_LENGTH
                    + " visible characters").exception();
        }
        return orders.listBySale(saleId, Optional.ofNullable(userId), afterSeq(afterSeq), limit(limit)).stream()
                .map(OrderView::of)
                .toList();
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
