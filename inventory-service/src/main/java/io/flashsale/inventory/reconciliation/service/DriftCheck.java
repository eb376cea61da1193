package io.flashsale.inventory.reconciliation.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flashsale.contract.LogFields;
import io.flashsale.contract.OrderEvent;
import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.reconciliation.persistence.ReconciliationRun;
import io.flashsale.inventory.redis.ReconciliationRedis;
import io.flashsale.inventory.redis.SaleSnapshot;
import io.flashsale.inventory.sale.persistence.Sale;
import io.flashsale.inventory.reconciliation.messaging.Republisher;
import io.flashsale.inventory.redis.Reservation;

/**
 * The everyday run on a sale whose Redis keys are sound: measures the drift of docs/design.md §6.3, prunes
 * persisted reservations, settles the reservations the database refused (their units given back, or only
 * only what the database still has room for when refused past the sale's total), and re-publishes
 * stranded ones. It repairs nothing else.
 *
 * <p>The figures come from {@link DriftMeasure}. A reservation refused for the per-user limit leaves the
 * drift as it was (its units move from {@code rejected} to {@code available}); one refused past the total
 * is what a negative drift is made of, and settling it brings the drift back to 0.
 */
@ApplicationScoped
public class DriftCheck {

    private static final Logger LOG = Logger.getLogger(DriftCheck.class);

    private final InventoryConfig config;
    private final ReconciliationRedis redis;
    private final DriftMeasure measure;
    private final Republisher republisher;

    public DriftCheck(InventoryConfig config, ReconciliationRedis redis, DriftMeasure measure,
            Republisher republisher) {
        this.config = config;
        this.redis = redis;
        this.measure = measure;
        this.republisher = republisher;
    }

    ReconciliationRun check(Sale sale, SaleSnapshot snapshot) {
        DriftMeasure.Measurement measured = measure.measure(sale, snapshot);
        SaleFigures figures = measured.figures();
        List<Reservation> pending = measured.pending();

        ReconciliationRun run = ReconciliationRun.of(sale.id, sale.totalStock);
        run.redisAvailable = figures.available();
        run.redisSeq = figures.seq();
        run.pending = figures.pending();
        run.persisted = figures.persisted();
        run.rejected = figures.rejected();
        run.drift = figures.drift();
        run.pruned = redis.prune(sale.id, measured.persisted().stream().map(Reservation::field).toList());
        run.returned = settleRefused(sale, measured.refused(), measured.overTotal(), figures.drift());

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
            LOG.warnf("DRIFT on sale %s: drift=%d total=%d available=%d pending=%d persisted=%d rejected=%d seq=%d%s",
                    sale.id, run.drift, run.total, run.redisAvailable, run.pending, run.persisted, run.rejected,
                    run.redisSeq, run.detail == null ? "" : " (" + run.detail + ")");
        }
        return run;
    }

    /**
     * Settles the refused reservations, each exactly once. A unit refused for the per-user limit goes back
     * to Redis. An order refused past the sale's total was offered by a Redis that had lost writes: its
     * units are given back only as far as the database still has room for them, which is what the drift
     * says: {@code clamp(quantity + drift, 0, quantity)}, the drift then moving by what was kept. A single
     * unit refused so gives back nothing (the database holds the whole total); an order of 3 refused where
     * 1 unit was left gives that 1 back, so it is neither stranded nor offered twice. Returns how many were
     * still there to settle.
     */
    private int settleRefused(Sale sale, List<Reservation> refused, Set<UUID> overTotal, long drift) {
        int settled = 0;
        long unsettledDrift = drift;
        for (Reservation reservation : refused) {
            OrderEvent order = reservation.event();
            boolean pastTotal = overTotal.contains(reservation.orderId());
            int units = pastTotal ? roomFor(order.quantity(), unsettledDrift) : order.quantity();
            if (redis.returnRejected(sale.id, reservation.field(), units)) {
                settled++;
                unsettledDrift += order.quantity() - units;
                try (LogFields.Scope fields = LogFields.order(sale.id, order.orderId())) {
                    if (pastTotal) {
                        LOG.warnf("sale %s: dropped the reservation of order %s (user %s, %d unit(s)) and gave "
                                + "back %d unit(s), the room the database had left: it refused the order past "
                                + "the sale's total", sale.id, order.orderId(), order.userId(), order.quantity(),
                                units);
                    } else {
                        LOG.warnf("sale %s: returned %d unit(s) of order %s (user %s) to Redis: the database "
                                + "rejected it", sale.id, order.quantity(), order.orderId(), order.userId());
                    }
                }
            }
        }
        return settled;
    }

    /** The units of a past-the-total refusal of {@code quantity} to give back while the drift is {@code drift}. */
    static int roomFor(int quantity, long drift) {
        return (int) Math.max(0, Math.min(quantity, quantity + drift));
    }

    private static String action(ReconciliationRun run, int stranded) {
        List<String> actions = new ArrayList<>();
        if (run.pruned > 0) {
            actions.add(RunAction.PRUNED.name());
        }
        if (run.returned > 0) {
            actions.add(RunAction.RETURNED.name());
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
