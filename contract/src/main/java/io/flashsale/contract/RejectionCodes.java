package io.flashsale.contract;

/**
 * The reasons order-service stores in {@code orders.rejected_orders.reason}; inventory-service reads them
 * to settle a refused reservation, and the order status shows them to the buyer.
 */
public final class RejectionCodes {

    /** The user's units in the sale would exceed the per-user limit: the units go back to the sale. */
    public static final String PER_USER_LIMIT = "per-user-limit";

    /**
     * The sale's units in the database would exceed its total: Redis offered a unit it had already sold
     * (it lost writes). Reconciliation gives back only the room the database still has for the order's
     * units (none when it holds the whole total), so a sold unit is not offered again and none is stranded.
     */
    public static final String SALE_TOTAL = "sale-total";

    private RejectionCodes() {
    }
}
