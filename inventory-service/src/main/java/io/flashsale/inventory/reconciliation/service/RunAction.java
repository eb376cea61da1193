package io.flashsale.inventory.reconciliation.service;

/** The words a run's {@code action} is made of. */
public enum RunAction {
    /** Nothing to repair and no drift. */
    OK,
    /** Persisted reservations were removed from the reservation log. */
    PRUNED,
    /**
     * Reservations the database rejected were settled: their units given back to Redis, or, for an order
     * refused past the sale's total, the reservation dropped without giving any back.
     */
    RETURNED,
    /** Stranded reservations were published again. */
    REPUBLISHED,
    /** Some stranded reservations could not be published; the next run tries again. */
    REPUBLISH_FAILED,
    /** The invariant does not hold; reported, not repaired. */
    DRIFT,
    /** The sale's counters were rebuilt from the database. */
    REBUILT,
    /** A rebuild paused the sale but the pipeline has not drained yet; the next run goes on. */
    REBUILD_WAITING,
    /** The run could not complete (a server was unreachable, say). */
    FAILED
}
