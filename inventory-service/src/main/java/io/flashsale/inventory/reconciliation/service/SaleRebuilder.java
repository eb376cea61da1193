package io.flashsale.inventory.reconciliation.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.flashsale.contract.SaleState;
import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.reconciliation.persistence.ReconciliationRun;
import io.flashsale.inventory.redis.ReconciliationRedis;
import io.flashsale.inventory.redis.SaleRedis;
import io.flashsale.inventory.redis.SaleSnapshot;
import io.flashsale.inventory.sale.persistence.Sale;
import io.flashsale.inventory.sale.service.SaleService;
import io.flashsale.inventory.reconciliation.messaging.PipelineDrain;
import io.flashsale.inventory.reconciliation.messaging.Republisher;
import io.flashsale.inventory.reconciliation.persistence.PersistedOrders;
import io.flashsale.inventory.redis.Reservation;

/**
 * Rebuilds a sale's counters from the database when Redis lost them (docs/design.md §6.5): pause the sale
 * (RECOVERING: the gateway answers 503), let every publish from before the pause land, re-publish what
 * Redis still holds and the database lacks, wait until order-service has consumed everything, then
 * restore stock, buyers and seq from the persisted orders and hand the sale back. Never from the total.
 */
@ApplicationScoped
public class SaleRebuilder {

    private static final Logger LOG = Logger.getLogger(SaleRebuilder.class);
    private static final Duration POLL = Duration.ofMillis(250);

    /** A sale this replica paused: since when and why. */
    private record Pause(Instant at, RebuildReason reason) {
    }

    /** Reservations found stranded during a rebuild, and how many the broker took again. */
    private record Republished(int stranded, int acked, int unreadable) {
    }

    /**
     * Pauses this replica made and has not finished. A sale found RECOVERING with no entry here
     * (another replica's pause, or ours before a restart) starts its wait again: waiting longer is safe.
     */
    private final Map<String, Pause> paused = new ConcurrentHashMap<>();

    private final InventoryConfig config;
    private final SaleRedis saleRedis;
    private final ReconciliationRedis redis;
    private final PersistedOrders orders;
    private final PipelineDrain drain;
    private final Republisher republisher;
    private final SaleService sales;
    private final ReconciliationMetrics metrics;

    public SaleRebuilder(InventoryConfig config, SaleRedis saleRedis, ReconciliationRedis redis,
            PersistedOrders orders, PipelineDrain drain, Republisher republisher, SaleService sales,
            ReconciliationMetrics metrics) {
        this.config = config;
        this.saleRedis = saleRedis;
        this.redis = redis;
        this.orders = orders;
        this.drain = drain;
        this.republisher = republisher;
        this.sales = sales;
        this.metrics = metrics;
    }

    /**
     * @param persistedMaxSeq the highest seq in the database, read before the snapshot was taken
     * @return why the sale must be rebuilt, or empty when its keys can be trusted
     */
    Optional<RebuildReason> reasonFor(SaleSnapshot snapshot, long persistedMaxSeq) {
        if (snapshot.keysMissing()) {
            return Optional.of(RebuildReason.KEYS_MISSING);
        }
        if (snapshot.seq() < persistedMaxSeq) {
            return Optional.of(RebuildReason.REDIS_BEHIND);
        }
        return snapshot.recovering() ? Optional.of(RebuildReason.UNFINISHED) : Optional.empty();
    }

    /** Marks the sale RECOVERING (the gateway answers 503) and starts its wait, once. */
    void pause(Sale sale, RebuildReason found) {
        saleRedis.writeMeta(sale.meta(SaleState.RECOVERING));
        metrics.paused(sale.id);
        paused.computeIfAbsent(sale.id, id -> {
            LOG.warnf("sale %s paused (RECOVERING) for a rebuild from the database: %s", id, found);
            return new Pause(Instant.now(), found);
        });
    }

    /**
     * Drops this replica's pause of a sale that a run found healthy (no rebuild reason, not
     * RECOVERING): another replica finished that rebuild, and a later one must wait its own settle
     * from its own pause, not reuse this old one.
     */
    void forget(String saleId) {
        if (paused.remove(saleId) != null) {
            LOG.infof("sale %s is healthy again: its earlier pause on this replica is forgotten", saleId);
        }
    }

    ReconciliationRun rebuild(Sale sale, RebuildReason found, SaleSnapshot snapshot) {
        pause(sale, found);
        Pause pause = paused.get(sale.id);
        ReconciliationRun run = ReconciliationRun.of(sale.id, sale.totalStock);
        run.redisAvailable = snapshot.stock();
        run.redisSeq = snapshot.seq();
        Instant deadline = pause.at().plus(config.reconciliation().drainTimeout());
        if (!sleepUntil(pause.at().plus(config.reconciliation().publishSettle()), deadline)) {
            return waiting(run, pause, "publish-settle (" + config.reconciliation().publishSettle()
                    + ") has not passed since the pause");
        }
        Republished republished = republishStranded(sale);
        run.republished = republished.acked();
        if (republished.acked() < republished.stranded()) {
            return waiting(run, pause, (republished.stranded() - republished.acked()) + " of "
                    + republished.stranded() + " stranded reservation(s) not acknowledged by Kafka");
        }
        // What must be consumed: everything published up to now (the settle and the re-publishing are
        // behind us). Records published later, by other sales, do not move it.
        Map<TopicPartition, Long> target = drain.target();
        long lag = awaitDrained(target, deadline);
        if (lag > 0) {
            return waiting(run, pause, "consumer group " + config.reconciliation().consumerGroup() + " still has "
                    + lag + " record(s) to consume");
        }
        return restore(sale, run, pause, republished);
    }

    private Republished republishStranded(Sale sale) {
        SaleSnapshot snapshot = redis.snapshot(sale.id);
        List<Reservation> log = Reservation.parseAll(snapshot.reservations());
        long seq = snapshot.seq() == null ? 0 : snapshot.seq();
        PersistedOrders.Persisted database = orders.persisted(sale.id, Reservation.orderIds(log), seq);
        // A rejected order is in the database too: publishing it again would only be refused again.
        List<Reservation> stranded = log.stream()
                .filter(r -> r.readable() && !database.orderIds().contains(r.orderId())
                        && !database.rejectedIds().contains(r.orderId()))
                .toList();
        int unreadable = (int) log.stream().filter(r -> !r.readable()).count();
        return new Republished(stranded.size(), republisher.republish(stranded), unreadable);
    }

    private ReconciliationRun restore(Sale sale, ReconciliationRun run, Pause pause, Republished republished) {
        PersistedOrders.SaleTotals totals = orders.totals(sale.id);
        long stock = Math.max(0, sale.totalStock - totals.units());
        redis.restoreCounters(sale.id, stock, totals.maxSeq(), totals.unitsByUser(), totals.idempotency());
        SaleState state = sales.restoreRedisState(sale.id);
        paused.remove(sale.id);

        run.redisAvailable = stock;
        run.redisSeq = totals.maxSeq();
        run.pending = 0L;
        run.persisted = totals.units();
        // Rejected orders hold no units: the stock just written already counts theirs as available.
        run.rejected = 0L;
        run.drift = sale.totalStock - stock - totals.units();
        run.action = RunAction.REBUILT.name();
        run.detail = "reason=" + pause.reason() + "; paused for "
                + Duration.between(pause.at(), Instant.now()).toMillis() + " ms; " + totals.unitsByUser().size()
                + " buyer(s); state " + state
                + (republished.unreadable() > 0 ? "; " + republished.unreadable() + " unreadable reservation(s) dropped" : "")
                + (run.drift != 0 ? "; the database holds more units than the total" : "");
        LOG.warnf("sale %s rebuilt from the database (%s): stock=%d seq=%d buyers=%d state=%s drift=%d", sale.id,
                pause.reason(), stock, totals.maxSeq(), totals.unitsByUser().size(), state, run.drift);
        return run;
    }

    private ReconciliationRun waiting(ReconciliationRun run, Pause pause, String why) {
        run.action = RunAction.REBUILD_WAITING.name();
        run.detail = "reason=" + pause.reason() + "; paused "
                + Duration.between(pause.at(), Instant.now()).toMillis() + " ms ago; " + why;
        LOG.warnf("sale %s stays RECOVERING: %s", run.saleId, run.detail);
        return run;
    }

    /** Polls the consumer lag behind {@code target} until it is zero or the deadline passes; returns the last lag seen. */
    private long awaitDrained(Map<TopicPartition, Long> target, Instant deadline) {
        long lag = drain.lag(target);
        while (lag > 0 && Instant.now().plus(POLL).isBefore(deadline) && sleep(POLL)) {
            lag = drain.lag(target);
        }
        return lag;
    }

    /** Sleeps until {@code target}; false when that is past the deadline (or the thread is interrupted). */
    private static boolean sleepUntil(Instant target, Instant deadline) {
        Instant now = Instant.now();
        if (!now.isBefore(target)) {
            return true;
        }
        return !target.isAfter(deadline) && sleep(Duration.between(now, target));
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
