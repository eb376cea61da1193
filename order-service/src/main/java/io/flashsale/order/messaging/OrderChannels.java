package io.flashsale.order.messaging;

/** The messaging channels of order-service; their topics are set in application.properties. */
public final class OrderChannels {

    /** Incoming, in batches: {@code flashsale.orders.accepted}. */
    public static final String ORDERS = "orders";

    /** Outgoing: {@code flashsale.orders.dlq}. */
    public static final String DEAD_LETTERS = "dead-letters";

    private OrderChannels() {
    }
}
