package io.flashsale.inventory.sale.service;

import java.time.Instant;

/** A validated request to create a sale; every field is present and within its bounds. */
public record NewSale(String id, String name, int totalStock, int perUserLimit, Instant startsAt, Instant endsAt) {
}
