package io.flashsale.gateway.order.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.OrderEventCodec;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.identity.Caller;
import io.flashsale.gateway.order.client.OrderServiceClient;
import io.flashsale.gateway.redis.StockStore;
import io.smallrye.mutiny.Uni;

/**
 * Where an order stands: CONFIRMED once order-service has it, PENDING while it is only in a sale's
 * reservation log, unknown otherwise. order-service is asked again after Redis, because
 * reconciliation prunes a reservation only once it is persisted. Another buyer's order is unknown to
 * the caller: the same 404 as an id that never existed.
 */
@ApplicationScoped
public class OrderStatusLookup {

    private static final Logger LOG = Logger.getLogger(OrderStatusLookup.class);

    private final OrderServiceClient orders;
    private final StockStore stock;
    /** The bound of one call to order-service: the same as a Redis call's. */
    private final Duration timeout;

    public OrderStatusLookup(@RestClient OrderServiceClient orders, StockStore stock, GatewayConfig config) {
        this.orders = orders;
        this.stock = stock;
        this.timeout = config.redisTimeout();
    }

    public Uni<Map<String, Object>> find(String orderId, Caller caller) {
        return lookUp(orderId).map(order -> {
            if (!caller.maySee(String.valueOf(order.get("userId")))) {
                throw notFound(orderId);
            }
            return order;
        });
    }

    private Uni<Map<String, Object>> lookUp(String orderId) {
        return persisted(orderId).chain(first -> {
            if (first.found()) {
                return Uni.createFrom().item(first.body());
            }
            return reserved(orderId).chain(event -> {
                if (event.isPresent()) {
                    return Uni.createFrom().item(pending(event.get()));
                }
                return persisted(orderId).map(second -> {
                    if (second.found()) {
                        return second.body();
                    }
                    if (first.unreachable() && second.unreachable()) {
                        throw Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE, "order-service cannot be reached")
                                .with("dependency", "order-service").exception();
                    }
                    throw notFound(orderId);
                });
            });
        });
    }

    private static RuntimeException notFound(String orderId) {
        return Problem.of(ProblemType.ORDER_NOT_FOUND, "no order " + orderId).exception();
    }

    private Uni<Answer> persisted(String orderId) {
        return orders.get(orderId)
                .ifNoItem().after(timeout).fail()
                .map(response -> {
                    if (response.getStatus() == 200) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> body = response.readEntity(Map.class);
                        return new Answer(body, false);
                    }
                    return new Answer(null, response.getStatus() != 404);
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("order-service lookup of %s failed: %s", orderId, e.toString());
                    return new Answer(null, true);
                });
    }

    private Uni<Optional<OrderEvent>> reserved(String orderId) {
        return stock.reservation(orderId)
                .map(event -> event.map(OrderEventCodec::decode))
                .onFailure().transform(e -> Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                        "the stock store is unavailable").with("dependency", "redis").exception());
    }

    private static Map<String, Object> pending(OrderEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", event.orderId());
        body.put("saleId", event.saleId());
        body.put("userId", event.userId());
        body.put("quantity", event.quantity());
        body.put("seq", event.seq());
        body.put("acceptedAt", Instant.ofEpochMilli(event.acceptedAt()).toString());
        body.put("status", "PENDING");
        return body;
    }

    private record Answer(Map<String, Object> body, boolean unreachable) {
        boolean found() {
            return body != null;
        }
    }
}
