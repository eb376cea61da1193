package io.flashsale.order.persistence;

/** Why the database refused an order; {@link #code()} is stored in {@code rejected_orders.reason} and tags the metric. */
public enum RejectionReason {

    /** The user's units in the sale would exceed the per-user limit the event carries. */
    PER_USER_LIMIT("per-user-limit");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
