package io.flashsale.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An accepted order, as published on {@link Topics#ORDERS_ACCEPTED} and kept in the sale's
 * reservation log until it is persisted.
 *
 * <p>The reserve script writes this JSON itself (seq and acceptedAt come from Redis), so the
 * gateway publishes the script's bytes unchanged. {@code acceptedAt} is epoch milliseconds of
 * Redis {@code TIME}. {@code perUserLimit} is the sale's limit when the order was reserved, so that
 * the database can guard it even if Redis forgets a buyer; {@code saleTotal} is the sale's total stock,
 * so that the database can refuse a unit beyond it even if Redis forgets a reservation (a failover
 * that lost writes). Both are absent in events written before they existed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderEvent(
        int schemaVersion,
        String orderId,
        String saleId,
        String userId,
        int quantity,
        long seq,
        long acceptedAt,
        String idempotencyKey,
        Integer perUserLimit,
        Integer saleTotal) {

    public static final int SCHEMA_VERSION = 1;
}
