package io.flashsale.gateway.order.messaging;

/** The messaging channels of gateway-service; their topics are set in application.properties. */
public final class OrderChannels {

    /** Outgoing: {@code flashsale.orders.accepted}. */
    public static final String ORDERS_ACCEPTED = "orders-accepted";

    private OrderChannels() {
    }
}
