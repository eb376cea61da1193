package io.flashsale.gateway.order.rest;

/**
 * The body of {@code POST /api/sales/{saleId}/orders}. The buyer is the token's; {@code userId} is
 * optional, and when present must name that same buyer.
 */
public record OrderRequest(String userId, Long quantity) {
}
