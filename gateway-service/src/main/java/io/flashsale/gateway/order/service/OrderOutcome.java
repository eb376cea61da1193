package io.flashsale.gateway.order.service;

/**
 * How an order request that reached placement ended, as counted by {@code flashsale_gateway_orders_total}
 * (label {@code outcome}). Every one is registered at zero when the gateway starts, so that a rate over
 * it exists before it first happens.
 */
public enum OrderOutcome {
    ACCEPTED("accepted"),
    REPLAYED("replayed"),
    SOLD_OUT("sold-out"),
    LIMIT_REACHED("limit-reached"),
    NOT_ACTIVE("not-active"),
    SALE_NOT_FOUND("sale-not-found"),
    RECOVERING("recovering"),
    REDIS_UNAVAILABLE("redis-unavailable"),
    KAFKA_UNAVAILABLE("kafka-unavailable"),
    UNCONFIRMED("unconfirmed"),
    OVERLOADED("overloaded"),
    RATE_LIMITED("rate-limited");

    private final String label;

    OrderOutcome(String label) {
        this.label = label;
    }

    /** The value of the metric's {@code outcome} label. */
    public String label() {
        return label;
    }
}
