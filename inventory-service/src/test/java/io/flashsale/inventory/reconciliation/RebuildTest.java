package io.flashsale.inventory.reconciliation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.WithReservations;
import io.quarkus.test.junit.QuarkusTest;

/** Rebuilds with no consumer group committed yet, which counts as drained (publish-settle is 1 s in tests). */
@QuarkusTest
class RebuildTest extends WithReservations {

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
        orders.persist(gateway.reserve(sale, "alice", 2).event());
        orders.persist(gateway.reserve(sale, "bob", 1).event());
        orders.persist(gateway.reserve(sale, "carol", 3).event());
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

    @Test
    void aRebuildKeepsTheIdempotencyKeysOfPersistedOrders() {
        String sale = SaleApi.create(10, 3);
        var first = orders.persistWithKey(sale, "alice", 2, 1, "key-a");
        var second = orders.persistWithKey(sale, "bob", 1, 2, "key-b");
        orders.persist(sale, "carol", 1, 3);
        redis.key().del(RedisKeys.all(sale));

        assertEquals("REBUILT", ReconciliationApi.run(sale).get("action"));

        // The gateway's field: userId ':' Idempotency-Key → the first order's id.
        assertEquals(Map.of("alice:key-a", first.orderId(), "bob:key-b", second.orderId()),
                redis.hash(String.class).hgetall(RedisKeys.idempotency(sale)));
    }

    @Test
    void aNegativeDriftIsRebuiltThroughAPause() throws Exception {
        String sale = SaleApi.create(10, 3);
        orders.persist(gateway.reserve(sale, "alice", 2).event());
        // As after a failover: seq is not behind the database, but Redis offers one unit too many.
        redis.value(Long.class).incrby(RedisKeys.stock(sale), 1);

        CompletableFuture<Map<String, Object>> running = CompletableFuture.supplyAsync(() -> ReconciliationApi.run(sale));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertEquals("RECOVERING", redis.hash(String.class).hget(RedisKeys.meta(sale), RedisKeys.META_STATE)));
        Map<String, Object> run = running.get(30, TimeUnit.SECONDS);

        assertEquals("REBUILT", run.get("action"));
        assertThat((String) run.get("detail"), containsString("DRIFT_NEGATIVE"));
        assertThat((String) run.get("detail"), containsString("drift=-1"));
        assertEquals("8", redis.value(String.class).get(RedisKeys.stock(sale)));
        assertEquals("ACTIVE", redis.hash(String.class).hget(RedisKeys.meta(sale), RedisKeys.META_STATE));
        assertEquals(0, ReconciliationApi.run(sale).get("drift"));
    }

    @Test
    void aPositiveDriftIsOnlyReported() {
        String sale = SaleApi.create(10, 3);
        redis.value(Long.class).decrby(RedisKeys.stock(sale), 1);

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals("DRIFT", run.get("action"));
        assertEquals("9", redis.value(String.class).get(RedisKeys.stock(sale)));
    }
}
