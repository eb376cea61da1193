package io.flashsale.inventory.reconciliation.messaging;

/** The messaging channels of inventory-service; their topics are set in application.properties. */
public final class ReconciliationChannels {

    /** Outgoing, for re-published reservations: {@code flashsale.orders.accepted}. */
    public static final String ORDERS_ACCEPTED = "orders-accepted";

    private ReconciliationChannels() {
    }
}
