package io.flashsale.gateway.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flashsale.contract.RedisKeys;
import io.flashsale.platform.redis.LuaScript;
import io.flashsale.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The gateway's one door to Redis: the reserve and release scripts, the reads of a sale and of a
 * reservation, and the readiness ping, each bounded by its timeout. A call that gets no answer in time
 * fails with Mutiny's {@code TimeoutException} (the script may still have run); any other failure is
 * Redis's own. What an answer means to a client is the callers' business.
 */
@ApplicationScoped
public class StockStore {

    private static final Logger LOG = Logger.getLogger(StockStore.class);
    private static final LuaScript RESERVE = LuaScript.fromResource("lua/reserve.lua");
    private static final LuaScript RELEASE = LuaScript.fromResource("lua/release.lua");

    /** A sale as Redis holds it: its meta hash (empty when there is no such sale) and its stock. */
    public record SaleKeys(Map<String, String> meta, String stock) {
    }

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final int warmConnections;
    private final Duration keepWarm;
    private final AtomicInteger warm = new AtomicInteger();
    private final Duration timeout;
    private final Duration readinessTimeout;
    private final String[] bucketArgs;
    private final int replicaAcks;
    private final Duration replicaAckTimeout;

    public StockStore(ReactiveRedisDataSource redis, GatewayConfig config, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.redis.max-pool-size", defaultValue = "6") int maxPoolSize) {
        this.redis = redis;
        Gauge.builder("flashsale.gateway.redis.warm.connections", warm::get)
                .description("Redis connections the last warm-up found answering (flashsale.redis-warm-connections)")
                .register(registry);
        this.vertx = vertx;
        this.warmConnections = Math.max(0, Math.min(config.redisWarmConnections(), maxPoolSize));
        this.keepWarm = config.redisKeepWarm();
        this.timeout = config.redisTimeout();
        this.readinessTimeout = config.readinessTimeout();
        this.replicaAcks = config.redisReplicaAcks();
        this.replicaAckTimeout = config.redisReplicaAckTimeout();
        GatewayConfig.RateLimit limits = config.rateLimit();
        this.bucketArgs = new String[] {Integer.toString(limits.buyer().rate()), Integer.toString(limits.buyer().burst()),
            Integer.toString(limits.address().rate()), Integer.toString(limits.address().burst())};
    }

    /**
     * Loads the scripts and opens {@code flashsale.redis-warm-connections} connections before traffic
     * arrives, so that the first burst of a sale pays for neither, and uses them again every
     * {@code flashsale.redis-keep-warm} so that the pool does not close them while no sale runs. A Redis
     * that is down now is no reason not to start: requests fail closed until it is back.
     */
    void warmUp(@Observes StartupEvent event) {
        try {
            Uni.join().all(RESERVE.load(redis), RELEASE.load(redis)).andFailFast()
                    .await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("could not load the scripts at start-up (%s); they load on first use", e.toString());
        }
        if (warmConnections == 0) {
            return;
        }
        try {
            int opened = openConnections(warmConnections).await().atMost(Duration.ofSeconds(10));
            LOG.infof("%d of %d Redis connections open before traffic", opened, warmConnections);
        } catch (RuntimeException e) {
            LOG.warnf("could not open the Redis connections at start-up (%s)", e.toString());
        }
        vertx.setPeriodic(keepWarm.toMillis(), id -> openConnections(warmConnections).subscribe().with(
                opened -> LOG.debugf("%d Redis connections kept warm", opened),
                e -> LOG.debugf("could not keep the Redis connections warm: %s", e.toString())));
    }

    /**
     * Sends {@code count} PINGs at once, so that the pool opens that many connections (or uses as many of
     * those it holds), and returns how many were answered within the Redis timeout.
     */
    public Uni<Integer> openConnections(int count) {
        List<Uni<Boolean>> pings = IntStream.range(0, count)
                .mapToObj(i -> redis.execute("PING").ifNoItem().after(timeout).fail()
                        .map(pong -> true).onFailure().recoverWithItem(false))
                .toList();
        return Uni.join().all(pings).andFailFast()
                .map(answers -> (int) answers.stream().filter(Boolean::booleanValue).count())
                .invoke(warm::set);
    }

    /** How many connections the last warm-up had answered: {@code flashsale_redis_warm_connections}. */
    public int warmConnections() {
        return warm.get();
    }

    /** {@code flashsale.redis-replica-acks}: the replicas a reservation must reach before it is published. */
    public int replicaAcks() {
        return replicaAcks;
    }

    /**
     * One atomic decision on an order (docs/design.md §3.2), the buyer's and the address's rate-limit
     * buckets included; with {@code flashsale.redis-replica-acks} above 0, followed by a {@code WAIT} for
     * that many replicas, whose answer the outcome carries.
     *
     * @param idempotencyKey the client's key, or "" for none
     */
    public Uni<ReserveOutcome> reserve(String saleId, String buyerId, String address, String orderId, int quantity,
            String idempotencyKey) {
        String[] keys = RedisKeys.reserve(saleId, buyerId, address);
        String[] args = {orderId, buyerId, Integer.toString(quantity), idempotencyKey, saleId,
            bucketArgs[0], bucketArgs[1], bucketArgs[2], bucketArgs[3]};
        if (replicaAcks == 0) {
            return RESERVE.call(redis, keys, args).ifNoItem().after(timeout).fail().map(ReserveOutcome::of);
        }
        return RESERVE.callAndWait(redis, keys, replicaAcks, replicaAckTimeout, args)
                .ifNoItem().after(timeout.plus(replicaAckTimeout)).fail()
                .map(replicated -> ReserveOutcome.of(replicated.reply(), replicated.replicas()));
    }

    /** Undoes a reservation never handed to Kafka; true when it was still there to undo. */
    public Uni<Boolean> release(String saleId, String buyerId, String orderId, int quantity, String idempotencyKey) {
        return RELEASE.call(redis, RedisKeys.all(saleId), orderId, buyerId, Integer.toString(quantity), idempotencyKey)
                .ifNoItem().after(timeout).fail()
                .map(released -> released.toLong() == 1);
    }

    /** A sale's meta and stock, read together. */
    public Uni<SaleKeys> sale(String saleId) {
        Uni<Map<String, String>> meta = redis.hash(String.class).hgetall(RedisKeys.meta(saleId));
        Uni<String> stock = redis.value(String.class).get(RedisKeys.stock(saleId));
        return Uni.combine().all().unis(meta, stock).asTuple()
                .ifNoItem().after(timeout).fail()
                .map(t -> new SaleKeys(t.getItem1() == null ? Map.of() : t.getItem1(), t.getItem2()));
    }

    /** The order event of a reservation still in some sale's reservation log, as the reserve script wrote it. */
    public Uni<Optional<String>> reservation(String orderId) {
        return redis.set(String.class).smembers(RedisKeys.SALES)
                .chain(sales -> {
                    List<Uni<String>> lookups = sales.stream()
                            .map(sale -> redis.hash(String.class).hget(RedisKeys.reservations(sale), orderId))
                            .toList();
                    if (lookups.isEmpty()) {
                        return Uni.createFrom().item(Optional.<String>empty());
                    }
                    return Uni.join().all(lookups).andFailFast()
                            .map(events -> events.stream().filter(e -> e != null).findFirst());
                })
                .ifNoItem().after(timeout).fail();
    }

    /** Redis answers a PING within the readiness timeout. */
    public Uni<Void> ping() {
        return redis.execute("PING").ifNoItem().after(readinessTimeout).fail().replaceWithVoid();
    }
}
