package io.flashsale.inventory.support;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * The base of the suites that make reservations the way the gateway does and persist or refuse them the
 * way order-service does, as an operator: Redis, the test gateway and the test order tables.
 */
public abstract class WithReservations extends AsOperator {

    @Inject
    protected RedisDataSource redis;

    @Inject
    protected TestGateway gateway;

    @Inject
    protected TestOrders orders;
}
