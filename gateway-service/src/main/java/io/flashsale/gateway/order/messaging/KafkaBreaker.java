package io.flashsale.gateway.order.messaging;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flashsale.gateway.config.GatewayConfig;
import io.quarkus.runtime.Startup;

/**
 * A circuit breaker in front of Kafka. Closed, every order may publish. A publish that fails or
 * waits longer than the ack timeout opens it: orders are then refused before Redis is touched;
 * unless an order admitted after it has been acknowledged meanwhile, which proves the cluster takes
 * writes and the failure is its partition's alone (a dead leader not yet replaced): the other
 * partitions' buyers keep being served. After the probe interval exactly one order goes through as
 * a probe (half-open); its ack closes the breaker, its failure opens it again.
 */
@Startup // its gauge is scraped before the first order
@ApplicationScoped
public class KafkaBreaker {

    private static final Logger LOG = Logger.getLogger(KafkaBreaker.class);

    private enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    /**
     * Leave to publish. {@code epoch} counts how often the breaker has closed, so that the failure
     * of a publish admitted before the last recovery does not open it again; {@code probe} is
     * non-zero for the one order a half-open breaker lets through; {@code seq} numbers the permits
     * in the order they were given.
     */
    public record Permit(long epoch, long probe, long seq) {
    }

    private final long probeIntervalNanos;
    private State state = State.CLOSED;
    private long openedAt;
    private long epoch;
    private long probes;
    private volatile boolean open;
    private final AtomicLong admitted = new AtomicLong();
    /** The highest {@link Permit#seq()} whose publish was acknowledged. */
    private final LongAccumulator ackedUpTo = new LongAccumulator(Math::max, 0);

    public KafkaBreaker(GatewayConfig config) {
        this.probeIntervalNanos = config.kafka().probeInterval().toNanos();
    }

    /** @return leave to publish, or {@code null} when the order must be refused at once */
    public synchronized Permit admit() {
        return switch (state) {
            case CLOSED -> new Permit(epoch, 0, admitted.incrementAndGet());
            case OPEN -> {
                if (System.nanoTime() - openedAt < probeIntervalNanos) {
                    yield null;
                }
                state = State.HALF_OPEN;
                yield new Permit(epoch, ++probes, admitted.incrementAndGet());
            }
            case HALF_OPEN -> null;
        };
    }

    /** The broker acknowledged a record published under {@code permit}. */
    public void acked(Permit permit) {
        ackedUpTo.accumulate(permit.seq());
        if (permit.probe() == 0) {
            return;
        }
        synchronized (this) {
            if (isCurrentProbe(permit)) {
                state = State.CLOSED;
                epoch++;
                open = false;
                LOG.info("Kafka breaker closed: the probe was acknowledged");
            }
        }
    }

    /** A publish under {@code permit} failed or was not acknowledged in time. */
    public synchronized void failed(Permit permit, Throwable failure) {
        if (state == State.CLOSED && ackedUpTo.get() > permit.seq()) {
            // A later order was acknowledged: the cluster takes writes, this order's partition did not.
            return;
        }
        if (isCurrentProbe(permit) || (state == State.CLOSED && permit.epoch() == epoch)) {
            LOG.warnf("Kafka breaker %s: %s", state == State.CLOSED ? "opened" : "stays open", failure.toString());
            openAt(System.nanoTime());
        }
    }

    /**
     * The order admitted under {@code permit} is over. A probe that never published (sold out,
     * Redis down, client gone) proved nothing, so the next order probes instead.
     */
    public void finished(Permit permit) {
        if (permit.probe() == 0) {
            return;
        }
        synchronized (this) {
            if (isCurrentProbe(permit)) {
                openAt(System.nanoTime() - probeIntervalNanos);
            }
        }
    }

    /** The broker answers again (a readiness check reached it): let the next order probe now. */
    public synchronized void brokerAnswered() {
        if (state == State.OPEN) {
            openedAt = System.nanoTime() - probeIntervalNanos;
        }
    }

    /** Open or half-open: orders are refused, bar the probe. */
    public boolean isOpen() {
        return open;
    }

    private boolean isCurrentProbe(Permit permit) {
        return state == State.HALF_OPEN && permit.probe() == probes;
    }

    private void openAt(long nanos) {
        state = State.OPEN;
        openedAt = nanos;
        open = true;
    }
}
