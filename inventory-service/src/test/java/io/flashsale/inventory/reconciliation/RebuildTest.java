package io.flashsale.inventory.reconciliation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.TestGateway;
import io.flashsale.inventory.support.TestOrders;
import io.flashsale.stack.StackTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Rebuilds with no consumer group committed yet, which counts as drained. */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class RebuildTest {

    @Inject
    RedisDataSource redis;

    @Inject
    TestGateway gateway;

    @Inject
    TestOrders orders;

    @Test
    void deletedKeysAreRebuiltFromTheDatabase() {
        String sale = SaleApi.create(10, 3);
        orders.persist(sale, "alice", 2, 1);
        orders.persist(sale, "bob", 1, 2);
        orders.persist(sale, "alice", 1, 3);
        redis.key().del(RedisKeys.all(sale));

        ReconciliationApi.run(sale);

        assertEquals("6", redis.value(String.class).get(RedisKeys.stock(sale)));
        assertEquals("3", redis.value(String.class).get(RedisKeys.seq(sale)));
        assertEquals(Map.of("alice", "3", "bob", "1"), redis.hash(String.class).hgetall(RedisKeys.buyers(sale)));
        assertEquals("ACTIVE", redis.hash(String.class).hget(RedisKeys.meta(sale), RedisKeys.META_STATE));
        assertEquals("10", redis.hash(String.class).hget(RedisKeys.meta(sale), RedisKeys.META_TOTAL));
    }

    @Test
    void aRebuildIsRecordedWithItsReason() {
        String sale = SaleApi.create(10, 3);
        orders.persist(sale, "alice", 2, 1);
        redis.key().del(RedisKeys.all(sale));

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals("REBUILT", run.get("action"));
        assertThat((String) run.get("detail"), containsString("KEYS_MISSING"));
        assertEquals(Map.of("redisAvailable", 8, "persisted", 2, "pending", 0, "drift", 0),
                Map.of("redisAvailable", run.get("redisAvailable"), "persisted", run.get("persisted"),
                        "pending", run.get("pending"), "drift", run.get("drift")));
    }

    @Test
    void aRebuiltSaleIsListedForTheGatewayAgain() {
        String sale = SaleApi.create(10, 3);
        redis.key().del(RedisKeys.all(sale));
        redis.set(String.class).srem(RedisKeys.SALES, sale);

        ReconciliationApi.run(sale);

        assertTrue(redis.set(String.class).sismember(RedisKeys.SALES, sale));
    }

    @Test
    void redisThatWentBackInTimeIsRebuilt() {
        String sale = SaleApi.create(10, 3);
        long now = gateway.redisTimeMs();
        orders.persist(gateway.reserve(sale, "alice", 2, now).event());
        orders.persist(gateway.reserve(sale, "bob", 1, now).event());
        orders.persist(gateway.reserve(sale, "carol", 3, now).event());
        // As after a failover to a replica that missed the last two reservations.
        redis.value(String.class).set(RedisKeys.seq(sale), "1");
        redis.value(String.class).set(RedisKeys.stock(sale), "8");
        redis.hash(String.class).hdel(RedisKeys.buyers(sale), "bob", "carol");

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertThat((String) run.get("detail"), containsString("REDIS_BEHIND"));
        assertEquals("4", redis.value(String.class).get(RedisKeys.stock(sale)));
        assertEquals("3", redis.value(String.class).get(RedisKeys.seq(sale)));
        assertEquals(Map.of("alice", "2", "bob", "1", "carol", "3"),
                redis.hash(String.class).hgetall(RedisKeys.buyers(sale)));
        assertEquals(Map.of(), redis.hash(String.class).hgetall(RedisKeys.reservations(sale)));
        assertEquals("ACTIVE", redis.hash(String.class).hget(RedisKeys.meta(sale), RedisKeys.META_STATE));
    }

    @Test
    void aRebuildRestoresTheStateTheDatabaseHolds() {
        String sale = SaleApi.create(10, 3);
        SaleApi.transition(sale, "pause");
        redis.key().del(RedisKeys.all(sale));

        ReconciliationApi.run(sale);

        assertEquals("PAUSED", redis.hash(String.class).hget(RedisKeys.meta(sale), RedisKeys.META_STATE));
    }
}
