package io.flashsale.contract;

/**
 * The state of a sale as the gateway reads it from {@code fs:{S}:meta}.
 *
 * <p>{@link #RECOVERING} exists only in Redis: reconciliation sets it while it drains the pipeline
 * and rebuilds a sale's counters from the database; the gateway fails closed (503) meanwhile.
 */
public enum SaleState {
    ACTIVE,
    PAUSED,
    ENDED,
    RECOVERING
}
