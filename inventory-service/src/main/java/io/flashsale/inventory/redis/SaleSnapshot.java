package io.flashsale.inventory.redis;

import java.util.Map;

import io.flashsale.contract.SaleState;

/**
 * One atomic view of a sale's counters and reservation log.
 *
 * @param metaExists   whether {@code meta} exists
 * @param state        {@code meta.state}, null when missing
 * @param stock        {@code stock}, null when missing
 * @param seq          {@code seq}, null when missing
 * @param reservations {@code resv}: order id → the order event JSON as published
 * @param redisTimeMs  Redis {@code TIME} in epoch ms, the clock the reservations' acceptedAt comes from
 */
public record SaleSnapshot(boolean metaExists, String state, Long stock, Long seq,
        Map<String, String> reservations, long redisTimeMs) {

    public boolean keysMissing() {
        return !metaExists || stock == null || seq == null;
    }

    public boolean recovering() {
        return SaleState.RECOVERING.name().equals(state);
    }
}
