package io.flashsale.gateway.order.service;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.gateway.config.GatewayConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Bounds the order requests one gateway works on at once. Past the bound a request is shed at
 * once with 503 {@code overloaded}, so that a slow Redis or Kafka never builds an unbounded queue
 * of waiting requests (and of memory) in the gateway.
 */
@Startup // its gauge is scraped before the first order
@ApplicationScoped
public class InFlightOrders {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int max;
    private final GatewayMetrics metrics;

    public InFlightOrders(GatewayConfig config, GatewayMetrics metrics) {
        this.max = config.orders().maxInFlight();
        this.metrics = metrics;
        metrics.inFlight(inFlight::get);
    }

    /** Runs {@code order} when a slot is free, and frees the slot however it ends (item, failure, cancellation). */
    public <T> Uni<T> guard(Supplier<Uni<? extends T>> order) {
        return Uni.createFrom().deferred(() -> {
            if (inFlight.incrementAndGet() > max) {
                inFlight.decrementAndGet();
                metrics.outcome(OrderOutcome.OVERLOADED);
                return Uni.createFrom().failure(Problem.of(ProblemType.OVERLOADED,
                        "more than " + max + " orders in flight; try again shortly").exception());
            }
            return Uni.createFrom().<T>deferred(order).onTermination().invoke(inFlight::decrementAndGet);
        });
    }
}
