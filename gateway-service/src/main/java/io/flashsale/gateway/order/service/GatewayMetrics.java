package io.flashsale.gateway.order.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's own meters: orders by outcome, publish latency and failures, sold-out
 * short-circuits, orders in flight, and whether the Kafka breaker is open.
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Timer publishLatency;
    private final Counter publishFailures;
    private final Counter soldOutShortCircuits;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.publishLatency = Timer.builder("flashsale.gateway.publish.latency")
                .description("Time from publish to the broker's ack")
                .publishPercentileHistogram()
                .register(registry);
        this.publishFailures = Counter.builder("flashsale.gateway.publish.failures").register(registry);
        this.soldOutShortCircuits = Counter.builder("flashsale.gateway.soldout.shortcircuits")
                .description("Orders refused by the local sold-out flag without asking Redis")
                .register(registry);
    }

    public void outcome(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("flashsale.gateway.orders")
                .description("Orders by outcome")
                .tag("outcome", o)
                .register(registry)).increment();
    }

    public void published(long nanos) {
        publishLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void publishFailed() {
        publishFailures.increment();
    }

    public void soldOutShortCircuit() {
        soldOutShortCircuits.increment();
    }

    public void breakerOpen(BooleanSupplier open) {
        Gauge.builder("flashsale.gateway.kafka.breaker.open", () -> open.getAsBoolean() ? 1 : 0)
                .description("1 while the Kafka breaker refuses orders (open or half-open), else 0")
                .register(registry);
    }

    public void inFlight(IntSupplier orders) {
        Gauge.builder("flashsale.gateway.in.flight", orders::getAsInt)
                .description("Order requests being worked on")
                .register(registry);
    }
}
