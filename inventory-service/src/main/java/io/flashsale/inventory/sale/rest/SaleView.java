package io.flashsale.inventory.sale.rest;

import java.time.Instant;

import io.flashsale.contract.SaleState;
import io.flashsale.inventory.redis.LiveSale;
import io.flashsale.inventory.sale.persistence.Sale;

/**
 * A sale as the admin API shows it.
 *
 * @param state      the state the database holds (what an admin set)
 * @param redisState what the gateway reads from {@code meta.state}: RECOVERING during a rebuild; null when missing
 * @param available  units still available in Redis; null when the key is missing
 */
public record SaleView(String id, String name, int totalStock, int perUserLimit, Instant startsAt, Instant endsAt,
        SaleState state, String redisState, Long available, Instant createdAt, Instant updatedAt) {

    public static SaleView of(Sale sale, LiveSale live) {
        return new SaleView(sale.id, sale.name, sale.totalStock, sale.perUserLimit, sale.startsAt, sale.endsAt,
                sale.state, live.state(), live.available(), sale.createdAt, sale.updatedAt);
    }
}
