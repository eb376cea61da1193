package io.flashsale.order.rest;

/** Where an order this service knows stands: persisted into {@code orders}, or refused into {@code rejected_orders}. */
public enum OrderStatus {
    CONFIRMED,
    REJECTED
}
