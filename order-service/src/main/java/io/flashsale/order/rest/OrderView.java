package io.flashsale.order.rest;

import java.time.Instant;

import io.flashsale.order.persistence.PersistedOrder;

/** An order as the API shows it. Every order this service knows is persisted, hence CONFIRMED. */
public record OrderView(
        String orderId,
        String saleId,
        String userId,
        int quantity,
        long seq,
        Instant acceptedAt,
        Instant persistedAt,
        String status) {

    public static final String CONFIRMED = "CONFIRMED";

    static OrderView of(PersistedOrder order) {
        return new OrderView(order.orderId().toString(), order.saleId(), order.userId(), order.quantity(),
                order.seq(), order.acceptedAt(), order.persistedAt(), CONFIRMED);
    }
}
