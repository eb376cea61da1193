package io.flashsale.order.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.flashsale.order.persistence.PersistedOrder;
import io.flashsale.order.persistence.RejectedOrder;

/**
 * An order as the API shows it: CONFIRMED with {@code persistedAt}, or REJECTED with
 * {@code rejectedAt} and {@code reason}. Fields that do not apply are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
        String orderId,
        String saleId,
        String userId,
        int quantity,
        long seq,
        Instant acceptedAt,
        Instant persistedAt,
        Instant rejectedAt,
        Integer perUserLimit,
        OrderStatus status,
        String reason) {

    static OrderView of(PersistedOrder order) {
        return new OrderView(order.orderId().toString(), order.saleId(), order.userId(), order.quantity(),
                order.seq(), order.acceptedAt(), order.persistedAt(), null, order.perUserLimit(),
                OrderStatus.CONFIRMED, null);
    }

    static OrderView of(RejectedOrder order) {
        return new OrderView(order.orderId().toString(), order.saleId(), order.userId(), order.quantity(),
                order.seq(), order.acceptedAt(), null, order.rejectedAt(), order.perUserLimit(),
                OrderStatus.REJECTED, order.reason());
    }
}
