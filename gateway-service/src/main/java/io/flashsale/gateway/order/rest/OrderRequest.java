package io.flashsale.gateway.order.rest;

/** The body of {@code POST /api/sales/{saleId}/orders}. */
public record OrderRequest(String userId, Long quantity) {
}
