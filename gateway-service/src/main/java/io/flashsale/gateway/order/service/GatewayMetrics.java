package io.flashsale.gateway.order.service;

import java.time.Duration;
import java.util.EnumMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.gateway.order.messaging.KafkaBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The gateway's own meters: orders by outcome, accept and publish latency, publish failures, sold-out
 * short-circuits, orders in flight, and whether the Kafka breaker is open. The outcomes and the answers
 * an order usually gets are registered at zero, so that a rate over them exists before the first one.
 */
@Startup // every series is scraped, at zero, before the first order
@ApplicationScoped
public class GatewayMetrics {

    /** Histogram buckets of the accept latency: from a Redis round trip to the longest wait for Kafka. */
    private static final Duration[] ACCEPT_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final EnumMap<OrderOutcome, Counter> outcomes = new EnumMap<>(OrderOutcome.class);
    private final ConcurrentHashMap<Integer, Timer> acceptLatency = new ConcurrentHashMap<>();
    private final Timer publishLatency;
    private final Counter publishFailures;
    private final Counter soldOutShortCircuits;

    public GatewayMetrics(MeterRegistry registry, KafkaBreaker breaker) {
        this.registry = registry;
        Gauge.builder("flashsale.gateway.kafka.breaker.open", () -> breaker.isOpen() ? 1 : 0)
                .description("1 while the Kafka breaker refuses orders (open or half-open), else 0")
                .register(registry);
        this.publishLatency = Timer.builder("flashsale.gateway.publish.latency")
                .description("Time from publish to the broker's ack")
                .publishPercentileHistogram()
                .register(registry);
        this.publishFailures = Counter.builder("flashsale.gateway.publish.failures").register(registry);
        this.soldOutShortCircuits = Counter.builder("flashsale.gateway.soldout.shortcircuits")
                .description("Orders refused by the local closed-sale flag (sold out or ended) without asking Redis")
                .register(registry);
        for (OrderOutcome outcome : OrderOutcome.values()) {
            outcomes.put(outcome, Counter.builder("flashsale.gateway.orders")
                    .description("Orders by outcome")
                    .tag("outcome", outcome.label())
                    .register(registry));
        }
        for (int status : new int[] {202, 409, 429, 503}) {
            acceptTimer(status);
        }
    }

    public void outcome(OrderOutcome outcome) {
        outcomes.get(outcome).increment();
    }

    /** An order request (valid, so it reached placement) was answered with {@code status}. */
    public void answered(long startedNanos, int status) {
        acceptTimer(status).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    private Timer acceptTimer(int status) {
        return acceptLatency.computeIfAbsent(status, s -> Timer.builder("flashsale.gateway.accept.latency")
                .description("Time from an order request to its answer (202 only after the broker's ack), by status")
                .tag("status", Integer.toString(s))
                .serviceLevelObjectives(ACCEPT_BUCKETS)
                .register(registry));
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

    public void inFlight(IntSupplier orders) {
        Gauge.builder("flashsale.gateway.in.flight", orders::getAsInt)
                .description("Order requests being worked on")
                .register(registry);
    }
}
