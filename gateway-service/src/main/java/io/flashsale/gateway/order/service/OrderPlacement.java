package io.flashsale.gateway.order.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flashsale.contract.LogFields;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemException;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.gateway.order.messaging.KafkaBreaker;
import io.flashsale.gateway.order.messaging.OrderPublisher;
import io.flashsale.gateway.ratelimit.LocalBuckets;
import io.flashsale.gateway.ratelimit.RateLimited;
import io.flashsale.gateway.redis.ReserveOutcome;
import io.flashsale.gateway.redis.StockStore;
import io.flashsale.gateway.sale.service.ClosedSales;
import io.flashsale.gateway.sale.service.ForgottenSales;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/**
 * Places one order: reserve in Redis (one script), publish to Kafka, and only then succeed with
 * the order id. Every refusal fails the Uni with a {@link ProblemException}. The rate limits count
 * every request once: in the reserve script's shared buckets when it reaches Redis, in this gateway's
 * own buckets when it is answered here (the sold-out flag; the Kafka breaker open, which refuses before
 * Redis is touched).
 */
@ApplicationScoped
public class OrderPlacement {

    private static final Logger LOG = Logger.getLogger(OrderPlacement.class);
    /** The reserve script's reason for a sale past its end: the one closed state that never reopens by itself. */
    private static final String ENDED = "ENDED";

    private final StockStore stock;
    private final OrderPublisher publisher;
    private final KafkaBreaker breaker;
    private final ClosedSales closed;
    private final GatewayMetrics metrics;
    private final LocalBuckets buckets;
    private final ForgottenSales forgotten;

    public OrderPlacement(StockStore stock, OrderPublisher publisher, KafkaBreaker breaker,
            ClosedSales closed, GatewayMetrics metrics, LocalBuckets buckets, ForgottenSales forgotten) {
        this.stock = stock;
        this.publisher = publisher;
        this.breaker = breaker;
        this.closed = closed;
        this.metrics = metrics;
        this.buckets = buckets;
        this.forgotten = forgotten;
    }

    /**
     * @param address the client's address (the socket's, or what a trusted proxy forwarded)
     * @return the order id, once the order is in Kafka
     */
    public Uni<String> place(String saleId, String userId, String address, int quantity, String idempotencyKey) {
        // A retry with a key must get its first answer, which the flag cannot know.
        if (idempotencyKey == null) {
            Problem refusal = refuseClosed(saleId, userId, address);
            if (refusal != null) {
                return Uni.createFrom().failure(refusal.exception());
            }
        }
        KafkaBreaker.Permit permit = breaker.admit();
        if (permit == null) {
            RateLimited limited = buckets.take(saleId, userId, address);
            if (limited != null) {
                return refuse(OrderOutcome.RATE_LIMITED, limited.problem());
            }
            return refuse(OrderOutcome.KAFKA_UNAVAILABLE, Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                    "the order queue is unavailable; nothing was reserved").with("dependency", "kafka"));
        }
        String orderId = UUID.randomUUID().toString();
        String key = idempotencyKey == null ? "" : idempotencyKey;
        return stock.reserve(saleId, userId, address, orderId, quantity, key)
                .onFailure().transform(e -> redisUnavailable(e, saleId, orderId))
                .chain(outcome -> decide(permit, saleId, userId, quantity, key, outcome))
                .onTermination().invoke(() -> breaker.finished(permit));
    }

    /** Whether this gateway holds a live closed flag of the sale (sold out or ended). */
    public boolean isClosed(String saleId) {
        return closed.closed(saleId) != null;
    }

    /**
     * The answer to an order without an idempotency key for a sale this gateway knows to be closed (sold
     * out or ended), counted as its outcome: the closed sale's problem, or the rate limit's when the
     * buyer's or the address's bucket is empty. Null when the gateway knows nothing and must ask Redis.
     * Whatever the order's body says: the order path answers it before the body is read
     * ({@code ClosedSaleRoute}).
     */
    public Problem refuseClosed(String saleId, String userId, String address) {
        ClosedSales.Closed sale = closed.closed(saleId);
        if (sale == null) {
            return null;
        }
        RateLimited limited = buckets.take(saleId, userId, address);
        if (limited != null) {
            metrics.outcome(OrderOutcome.RATE_LIMITED);
            return limited.problem();
        }
        metrics.soldOutShortCircuit();
        metrics.outcome(sale.soldOut() ? OrderOutcome.SOLD_OUT : OrderOutcome.NOT_ACTIVE);
        return sale.answer();
    }

    private Uni<String> decide(KafkaBreaker.Permit permit, String saleId, String userId, int quantity, String key,
            ReserveOutcome outcome) {
        return switch (outcome.kind()) {
            case ACCEPTED -> {
                if (outcome.replicas() != ReserveOutcome.NOT_ASKED && outcome.replicas() < stock.replicaAcks()) {
                    yield unreplicated(saleId, userId, quantity, key, outcome);
                }
                if (outcome.figure() == 0) {
                    closed.markSoldOut(saleId);
                }
                yield publish(permit, saleId, userId, quantity, key, outcome.orderId(), outcome.event());
            }
            case DUPLICATE -> replay(permit, userId, outcome);
            case NOT_FOUND -> notInRedis(saleId);
            default -> {
                if (outcome.kind() == ReserveOutcome.Kind.SOLD_OUT && outcome.figure() == 0) {
                    closed.markSoldOut(saleId);
                }
                Refusal refusal = Refusal.of(saleId, outcome);
                if (outcome.kind() == ReserveOutcome.Kind.NOT_ACTIVE && ENDED.equals(outcome.reason())) {
                    closed.markEnded(saleId, refusal.problem());
                }
                yield refuse(refusal.outcome(), refusal.problem());
            }
        };
    }

    private Uni<String> publish(KafkaBreaker.Permit permit, String saleId, String userId, int quantity, String key,
            String orderId, String event) {
        long started = System.nanoTime();
        return send(permit, userId, event)
                .onItem().invoke(() -> {
                    metrics.published(System.nanoTime() - started);
                    metrics.outcome(OrderOutcome.ACCEPTED);
                })
                .replaceWith(orderId)
                .onFailure(e -> !(e instanceof ProblemException))
                .recoverWithUni(e -> publishFailed(saleId, userId, quantity, key, orderId, e));
    }

    /** A repeat of an earlier request: same order, and its publication confirmed before answering. */
    private Uni<String> replay(KafkaBreaker.Permit permit, String userId, ReserveOutcome outcome) {
        metrics.outcome(OrderOutcome.REPLAYED);
        if (outcome.event() == null) {
            // Gone from the reservation log: reconciliation found it persisted (or refused and returned it);
            // its status URL tells which.
            return Uni.createFrom().item(outcome.orderId());
        }
        return send(permit, userId, outcome.event())
                .replaceWith(outcome.orderId())
                .onFailure().transform(e -> unconfirmed(outcome.orderId()));
    }

    /** Publishes and tells the breaker how it went: an ack, or a failure (an ack timeout included). */
    private Uni<Void> send(KafkaBreaker.Permit permit, String userId, String event) {
        return publisher.publish(userId, event)
                .onItemOrFailure().invoke((ok, failure) -> {
                    if (failure == null) {
                        breaker.acked(permit);
                    } else {
                        breaker.failed(permit, failure);
                    }
                });
    }

    private Uni<String> publishFailed(String saleId, String userId, int quantity, String key, String orderId,
            Throwable failure) {
        metrics.publishFailed();
        if (!OrderPublisher.neverSent(failure)) {
            warn(saleId, orderId, "order %s of sale %s: publish outcome unknown (%s); reservation kept for "
                    + "reconciliation", orderId, saleId, failure.toString());
            return Uni.createFrom().failure(unconfirmed(orderId));
        }
        warn(saleId, orderId, "order %s of sale %s: not published (%s); releasing its reservation", orderId, saleId,
                failure.toString());
        return release(saleId, userId, quantity, key, orderId, OrderOutcome.KAFKA_UNAVAILABLE,
                Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE, "the order queue is unavailable; nothing was reserved")
                        .with("dependency", "kafka"));
    }

    /**
     * A reservation fewer replicas confirmed than {@code flashsale.redis-replica-acks} asks: a failover now
     * could lose it and offer its unit again, so it is released before anything is published.
     */
    private Uni<String> unreplicated(String saleId, String userId, int quantity, String key, ReserveOutcome outcome) {
        warn(saleId, outcome.orderId(), "order %s of sale %s: %d of %d Redis replicas confirmed the reservation; "
                + "releasing it", outcome.orderId(), saleId, outcome.replicas(), stock.replicaAcks());
        return release(saleId, userId, quantity, key, outcome.orderId(), OrderOutcome.REDIS_UNAVAILABLE,
                Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                        "the stock store could not copy the reservation to a replica; nothing was reserved")
                        .with("dependency", "redis"));
    }

    /**
     * Undoes a reservation that was never published and answers {@code refusal}; when the release fails, the
     * reservation stands and reconciliation publishes it, so the answer names the order instead.
     */
    private Uni<String> release(String saleId, String userId, int quantity, String key, String orderId,
            OrderOutcome outcome, Problem refusal) {
        return stock.release(saleId, userId, orderId, quantity, key)
                .onItemOrFailure().transformToUni((released, releaseFailure) -> {
                    closed.clear(saleId);
                    if (releaseFailure != null) {
                        warn(saleId, orderId, "order %s of sale %s: release failed (%s); reconciliation will "
                                + "publish it", orderId, saleId, releaseFailure.toString());
                        return Uni.createFrom().failure(unconfirmed(orderId));
                    }
                    return refuse(outcome, refusal);
                });
    }

    private ProblemException unconfirmed(String orderId) {
        metrics.outcome(OrderOutcome.UNCONFIRMED);
        return Problem.of(ProblemType.PUBLISH_UNCONFIRMED, "order " + orderId + " is reserved; follow its status")
                .with("orderId", orderId)
                .with("statusUrl", "/api/orders/" + orderId)
                .exception();
    }

    private ProblemException redisUnavailable(Throwable failure, String saleId, String orderId) {
        if (failure instanceof ProblemException p) {
            return p;
        }
        metrics.outcome(OrderOutcome.REDIS_UNAVAILABLE);
        Problem problem = Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE, "the stock store is unavailable")
                .with("dependency", "redis");
        if (failure instanceof TimeoutException) {
            // A script that timed out may still have run: name the order so the client can follow it.
            problem.with("orderId", orderId).with("statusUrl", "/api/orders/" + orderId);
            warn(saleId, orderId, "order %s of sale %s: no answer from Redis to the reserve (%s); it may still run",
                    orderId, saleId, failure.toString());
        } else {
            // The script never ran: there is no order to name.
            warn(saleId, null, "sale %s: reserve failed: %s", saleId, failure.toString());
        }
        return problem.exception();
    }

    /**
     * A WARN with the sale and the order as fields. Set around the line itself: it may be logged from a
     * Redis or Kafka client's thread, where an MDC set on the event loop is not there.
     */
    private static void warn(String saleId, String orderId, String format, Object... params) {
        try (LogFields.Scope fields = LogFields.order(saleId, orderId)) {
            LOG.warnf(format, params);
        }
    }

    /** A sale Redis does not hold: forgotten (503 sale-recovering), or none such (404). */
    private Uni<String> notInRedis(String saleId) {
        return forgotten.answer(saleId).chain(answer -> refuse(switch (answer.kind()) {
            case FORGOTTEN -> OrderOutcome.RECOVERING;
            case UNKNOWN -> OrderOutcome.SALE_NOT_FOUND;
            case UNDECIDED -> OrderOutcome.KAFKA_UNAVAILABLE;
        }, answer.problem()));
    }

    private Uni<String> refuse(OrderOutcome outcome, Problem problem) {
        metrics.outcome(outcome);
        return Uni.createFrom().failure(problem.exception());
    }
}
