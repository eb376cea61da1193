package io.flashsale.inventory.reconciliation.service;

/**
 * A sale's figures at one atomic snapshot (docs/design.md §6.3), in units.
 *
 * @param available {@code stock} in the snapshot
 * @param seq       {@code seq} in the snapshot
 * @param pending   units of the snapshot's reservations in neither order table yet
 * @param persisted units in {@code orders.orders} with {@code seq} at or below the snapshot's
 * @param rejected  units of the snapshot's reservations the database refused, not yet given back
 * @param drift     total − available − pending − persisted − rejected; anything but 0 is a problem
 */
public record SaleFigures(long available, long seq, long pending, long persisted, long rejected, long drift) {
}
