package io.flashsale.inventory.reconciliation.service;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.inventory.redis.SaleSnapshot;
import io.flashsale.inventory.sale.persistence.Sale;
import io.flashsale.inventory.reconciliation.persistence.PersistedOrders;
import io.flashsale.inventory.redis.Reservation;

/**
 * Measures the figures of docs/design.md §6.3 for one snapshot of a sale whose keys are sound, and changes
 * nothing: the reconciliation run acts on the measurement, the dashboard only shows it.
 *
 * <p>A reservation of the snapshot is in exactly one of three states: persisted, rejected (refused by
 * the database; its units are still reserved until a run gives them back), or pending. Hence
 * {@code drift = total − available − pending − persisted − rejected}.
 */
@ApplicationScoped
public class DriftMeasure {

    /**
     * The snapshot's reservations sorted by what the database says about them.
     *
     * @param persisted reservations found in {@code orders.orders}
     * @param refused   readable reservations found in {@code orders.rejected_orders}
     * @param overTotal the order ids among {@code refused} that the database refused past the sale's total
     * @param pending   the others, unreadable ones included (they count 0 units)
     */
    record Measurement(SaleFigures figures, List<Reservation> persisted, List<Reservation> refused,
            Set<UUID> overTotal, List<Reservation> pending) {
    }

    private final PersistedOrders orders;

    public DriftMeasure(PersistedOrders orders) {
        this.orders = orders;
    }

    /** The figures only; the snapshot's keys must be there ({@link SaleSnapshot#keysMissing()} false). */
    public SaleFigures figures(Sale sale, SaleSnapshot snapshot) {
        return measure(sale, snapshot).figures();
    }

    Measurement measure(Sale sale, SaleSnapshot snapshot) {
        List<Reservation> log = Reservation.parseAll(snapshot.reservations());
        PersistedOrders.Persisted database = orders.persisted(sale.id, Reservation.orderIds(log), snapshot.seq());
        Set<UUID> inDatabase = database.orderIds();
        // An unreadable entry cannot be given back (its units are unknown): it stays with the pending.
        Predicate<Reservation> refusedByDatabase = r -> r.readable() && database.rejectedIds().contains(r.orderId());
        List<Reservation> persisted = log.stream().filter(r -> inDatabase.contains(r.orderId())).toList();
        List<Reservation> refused = log.stream().filter(refusedByDatabase).toList();
        List<Reservation> pending = log.stream()
                .filter(r -> !inDatabase.contains(r.orderId()) && !refusedByDatabase.test(r))
                .toList();
        long pendingUnits = pending.stream().mapToLong(Reservation::units).sum();
        long rejectedUnits = refused.stream().mapToLong(Reservation::units).sum();
        long drift = sale.totalStock - snapshot.stock() - pendingUnits - database.units() - rejectedUnits;
        SaleFigures figures = new SaleFigures(snapshot.stock(), snapshot.seq(), pendingUnits, database.units(),
                rejectedUnits, drift);
        return new Measurement(figures, persisted, refused, database.overTotalIds(), pending);
    }
}
