package io.flashsale.inventory.reconciliation.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.reconciliation.entity.ReconciliationRun;
import io.flashsale.inventory.redis.ReconciliationRedis;
import io.flashsale.inventory.redis.SaleSnapshot;
import io.flashsale.inventory.sale.entity.Sale;

/**
 * The everyday run on a sale whose Redis keys are sound: measures the drift of DESIGN §6.3, prunes
 * persisted reservations and re-publishes stranded ones. It repairs nothing else.
 */
@ApplicationScoped
public class DriftCheck {

    private static final Logger LOG = Logger.getLogger(DriftCheck.class);

    private final InventoryConfig config;
    private final ReconciliationRedis redis;
    private final PersistedOrders orders;
    private final Republisher republisher;

    public DriftCheck(InventoryConfig config, ReconciliationRedis redis, PersistedOrders orders,
            Republisher republisher) {
        this.config = config;
        this.redis = redis;
        this.orders = orders;
        this.republisher = republisher;
    }

    ReconciliationRun check(Sale sale, SaleSnapshot snapshot) {
        List<Reservation> log = Reservation.parseAll(snapshot.reservations());
        PersistedOrders.Persisted persisted = orders.persisted(sale.id, Reservation.orderIds(log), snapshot.seq());
        Set<UUID> inDatabase = persisted.orderIds();
        List<Reservation> pending = log.stream().filter(r -> !inDatabase.contains(r.orderId())).toList();
        long pendingUnits = pending.stream().mapToLong(Reservation::units).sum();

        ReconciliationRun run = ReconciliationRun.of(sale.id, sale.totalStock);
        run.redisAvailable = snapshot.stock();
        run.redisSeq = snapshot.seq();
        run.pending = pendingUnits;
        run.persisted = persisted.units();
        run.drift = sale.totalStock - snapshot.stock() - pendingUnits - persisted.units();
        run.pruned = redis.prune(sale.id,
                log.stream().filter(r -> inDatabase.contains(r.orderId())).map(Reservation::field).toList());

        long graceMs = config.reconciliation().republishGrace().toMillis();
        List<Reservation> stranded = pending.stream()
                .filter(r -> r.readable() && snapshot.redisTimeMs() - r.event().acceptedAt() >= graceMs)
                .toList();
        run.republished = republisher.republish(stranded);

        List<String> notes = new ArrayList<>();
        List<Reservation> unreadable = pending.stream().filter(r -> !r.readable()).toList();
        if (!unreadable.isEmpty()) {
            notes.add(unreadable.size() + " unreadable reservation(s), not counted: " + unreadable.stream()
                    .map(r -> r.field() + " (" + r.unreadable() + ")").collect(Collectors.joining(", ")));
        }
        if (run.republished < stranded.size()) {
            notes.add((stranded.size() - run.republished) + " of " + stranded.size()
                    + " stranded reservation(s) not acknowledged by Kafka");
        }
        run.action = action(run, stranded.size());
        run.detail = notes.isEmpty() ? null : String.join("; ", notes);
        if (run.drift != 0) {
            LOG.warnf("DRIFT on sale %s: drift=%d total=%d available=%d pending=%d persisted=%d seq=%d%s",
                    sale.id, run.drift, run.total, run.redisAvailable, run.pending, run.persisted, run.redisSeq,
                    run.detail == null ? "" : " (" + run.detail + ")");
        }
        return run;
    }

    private static String action(ReconciliationRun run, int stranded) {
        List<String> actions = new ArrayList<>();
        if (run.pruned > 0) {
            actions.add(RunAction.PRUNED.name());
        }
        if (run.republished > 0) {
            actions.add(RunAction.REPUBLISHED.name());
        }
        if (run.republished < stranded) {
            actions.add(RunAction.REPUBLISH_FAILED.name());
        }
        if (run.drift != 0) {
            actions.add(RunAction.DRIFT.name());
        }
        return actions.isEmpty() ? RunAction.OK.name() : String.join("+", actions);
    }
}
