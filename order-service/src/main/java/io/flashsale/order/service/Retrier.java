package io.flashsale.order.service;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.flashsale.order.config.OrderServiceConfig;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Runs a step of a batch until it succeeds, with exponential back-off between attempts. It never
 * gives up on its own: skipping a batch would commit offsets of orders that were not persisted.
 * Only shutdown stops it, and then the batch stays uncommitted and is redelivered.
 */
@ApplicationScoped
public class Retrier {

    private static final Logger LOG = Logger.getLogger(Retrier.class);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final OrderMetrics metrics;
    private final CountDownLatch shutdown = new CountDownLatch(1);

    Retrier(OrderServiceConfig config, OrderMetrics metrics) {
        this.initialBackoff = config.retry().initialBackoff();
        this.maxBackoff = config.retry().maxBackoff();
        this.metrics = metrics;
    }

    <T> T untilSuccess(Step step, int batchSize, Supplier<T> action) {
        Duration backoff = initialBackoff;
        for (int attempt = 1;; attempt++) {
            try {
                T result = action.get();
                if (attempt > 1) {
                    LOG.infof("%s of a batch of %d records succeeded at attempt %d", step.tag(), batchSize, attempt);
                }
                return result;
            } catch (RuntimeException | AssertionError e) {
                // AssertionError: under -ea the PostgreSQL driver asserts when a connection dies in
                // the middle of a batch; that is a failed attempt like any other.
                metrics.retried(step);
                // The cause alone: a stack trace every few seconds of an outage would bury the log.
                LOG.warnf("%s of a batch of %d records failed (attempt %d), retrying in %d ms: %s",
                        step.tag(), batchSize, attempt, backoff.toMillis(), rootCause(e));
                pause(backoff, step, batchSize);
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
            }
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        shutdown.countDown();
    }

    private void pause(Duration backoff, Step step, int batchSize) {
        try {
            if (!shutdown.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new BatchAbandonedException("shutting down during " + step.tag() + " of a batch of " + batchSize
                + " records; its offsets stay uncommitted and it will be redelivered");
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    /** The application stopped while a batch was still being retried. */
    static final class BatchAbandonedException extends RuntimeException {
        BatchAbandonedException(String message) {
            super(message, null, false, false);
        }
    }
}
