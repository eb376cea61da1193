package io.flashsale.order.persistence;

import java.util.List;

import io.flashsale.contract.OrderEvent;

/**
 * What a batch write did with each order: inserted into {@code orders.orders}, refused into
 * {@code orders.rejected_orders}, or ignored because its id was already in one of the two (a
 * redelivery, a re-publication, a duplicate within the batch).
 */
public record WriteOutcome(int persisted, int duplicates, List<Rejection> rejected) {

    /** An order refused by this write, and why. */
    public record Rejection(OrderEvent order, RejectionReason reason) {
    }
}
