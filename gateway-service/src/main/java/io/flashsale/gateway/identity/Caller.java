package io.flashsale.gateway.identity;

/**
 * Who a verified token says the caller is: the buyer id (the token's buyer claim, its subject by
 * default) and whether it may see every buyer's orders.
 */
public record Caller(String buyerId, boolean support) {

    /** Whether this caller may see an order of {@code orderBuyerId}. */
    public boolean maySee(String orderBuyerId) {
        return support || buyerId.equals(orderBuyerId);
    }
}
