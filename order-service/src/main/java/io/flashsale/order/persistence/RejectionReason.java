package io.flashsale.order.persistence;

import io.flashsale.contract.RejectionCodes;

/** Why the database refused an order; {@link #code()} is stored in {@code rejected_orders.reason} and tags the metric. */
public enum RejectionReason {

    /** The user's units in the sale would exceed the per-user limit the event carries. */
    PER_USER_LIMIT(RejectionCodes.PER_USER_LIMIT),

    /** The sale's units in the database would exceed the total the event carries. */
    SALE_TOTAL(RejectionCodes.SALE_TOTAL);

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
