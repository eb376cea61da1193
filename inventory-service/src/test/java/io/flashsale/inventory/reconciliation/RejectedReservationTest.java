package io.flashsale.inventory.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.contract.RejectionCodes;
import io.flashsale.inventory.redis.ReconciliationRedis;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.TestGateway.Reserved;
import io.flashsale.inventory.support.WithReservations;
import io.quarkus.test.junit.QuarkusTest;

/**
 * docs/design.md §5.2: an order the database's per-user guard refused has its units given back to Redis,
 * once, and the drift stays 0 before and after; one refused past the sale's total (§5.3) gives back only
 * the room the database has left, which brings the drift back to 0. The buyer's count stays: the rejection proves the
 * database already holds that user's units, so the gateway must keep refusing them.
 */
@QuarkusTest
class RejectedReservationTest extends WithReservations {

    @Inject
    ReconciliationRedis reconciliationRedis;

    @Test
    void aRejectedReservationGivesItsUnitsBackOnceWithNoDrift() {
        String sale = SaleApi.create(10, 3);
        orders.persist(gateway.reserve(sale, "alice", 2).event());
        // Redis forgot alice's units (a failover), so the gateway took 2 more; the database refused them. Older
        // than the republish grace: a stranded reservation would be published again, a refused one is not.
        redis.hash(String.class).hdel(RedisKeys.buyers(sale), "alice");
        Reserved refused = gateway.backdate(gateway.reserve(sale, "alice", 2), 60_000);
        orders.reject(refused.event());

        Map<String, Object> first = ReconciliationApi.run(sale);

        assertEquals(Map.of("redisAvailable", 6, "pending", 0, "persisted", 2, "rejected", 2, "drift", 0),
                figures(first));
        assertEquals(Map.of("pruned", 1, "returned", 1, "republished", 0, "action", "PRUNED+RETURNED"),
                actions(first));
        assertEquals("8", stock(sale));
        assertEquals(Map.of("alice", "2"), redis.hash(String.class).hgetall(RedisKeys.buyers(sale)));
        assertEquals(Map.of(), redis.hash(String.class).hgetall(RedisKeys.reservations(sale)));

        Map<String, Object> second = ReconciliationApi.run(sale);

        assertEquals(Map.of("redisAvailable", 8, "pending", 0, "persisted", 2, "rejected", 0, "drift", 0),
                figures(second));
        assertEquals(Map.of("pruned", 0, "returned", 0, "republished", 0, "action", "OK"), actions(second));
        assertEquals("8", stock(sale));
        assertEquals(Map.of("alice", "2"), redis.hash(String.class).hgetall(RedisKeys.buyers(sale)));
    }

    @Test
    void aRejectedBuyerKeepsCountingInRedis() {
        String sale = SaleApi.create(10, 1);
        orders.persist(gateway.reserve(sale, "bob", 1).event());
        // Redis forgot bob had bought, so the gateway took a second order from him; the database refused it.
        redis.hash(String.class).hdel(RedisKeys.buyers(sale), "bob");
        Reserved refused = gateway.reserve(sale, "bob", 1);
        orders.reject(refused.event());

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals(0, run.get("drift"));
        assertEquals(1, run.get("returned"));
        assertEquals("9", stock(sale));
        // The database holds bob's unit: Redis counts it again, so bob's next order is LIMIT_REACHED, not 202.
        assertEquals("1", redis.hash(String.class).hget(RedisKeys.buyers(sale), "bob"));
    }

    @Test
    void aReservationRefusedPastTheSalesTotalIsDroppedWithoutGivingItsUnitBack() {
        String sale = SaleApi.create(2, 1);
        orders.persist(gateway.reserve(sale, "erin", 1).event());
        orders.persist(gateway.reserve(sale, "frank", 1).event());
        // Redis lost the last decrement (a failover), so it offered the sold unit again; the database refused it.
        redis.value(String.class).incrby(RedisKeys.stock(sale), 1);
        Reserved refused = gateway.reserve(sale, "grace", 1);
        orders.reject(refused.event(), RejectionCodes.SALE_TOTAL);

        Map<String, Object> first = ReconciliationApi.run(sale);

        // The snapshot still shows the unit Redis offered twice; the reservation is dropped, its unit not returned.
        assertEquals(Map.of("redisAvailable", 0, "pending", 0, "persisted", 2, "rejected", 1, "drift", -1),
                figures(first));
        assertEquals(1, first.get("returned"));
        assertEquals("0", stock(sale));
        assertEquals(Map.of(), redis.hash(String.class).hgetall(RedisKeys.reservations(sale)));

        Map<String, Object> second = ReconciliationApi.run(sale);

        assertEquals(Map.of("redisAvailable", 0, "pending", 0, "persisted", 2, "rejected", 0, "drift", 0),
                figures(second));
        assertEquals("OK", second.get("action"));
        assertEquals("0", stock(sale));
    }

    @Test
    void anOrderRefusedPastTheTotalGivesBackOnlyTheRoomTheDatabaseHasLeft() {
        String sale = SaleApi.create(3, 2);
        orders.persist(gateway.reserve(sale, "heidi", 1).event());
        orders.persist(gateway.reserve(sale, "ivan", 1).event());
        // Redis lost ivan's decrement, so it offered 2 units where 1 was left; the database refused the order of 2.
        redis.value(String.class).incrby(RedisKeys.stock(sale), 1);
        Reserved refused = gateway.reserve(sale, "judy", 2);
        orders.reject(refused.event(), RejectionCodes.SALE_TOTAL);

        Map<String, Object> first = ReconciliationApi.run(sale);

        assertEquals(Map.of("redisAvailable", 0, "pending", 0, "persisted", 2, "rejected", 2, "drift", -1),
                figures(first));
        assertEquals(1, first.get("returned"));
        // The unit the database still has room for is offered again; the one it already holds is not.
        assertEquals("1", stock(sale));
        assertEquals(Map.of(), redis.hash(String.class).hgetall(RedisKeys.reservations(sale)));

        Map<String, Object> second = ReconciliationApi.run(sale);

        assertEquals(Map.of("redisAvailable", 1, "pending", 0, "persisted", 2, "rejected", 0, "drift", 0),
                figures(second));
        assertEquals("OK", second.get("action"));
    }

    @Test
    void theReturnScriptGivesUnitsBackOnlyWhileTheReservationIsThere() {
        String sale = SaleApi.create(10, 3);
        Reserved refused = gateway.reserve(sale, "carol", 3);

        assertTrue(reconciliationRedis.returnRejected(sale, refused.event().orderId(), 3));
        assertFalse(reconciliationRedis.returnRejected(sale, refused.event().orderId(), 3));

        assertEquals("10", stock(sale));
        assertEquals("3", redis.hash(String.class).hget(RedisKeys.buyers(sale), "carol"));
    }

    @Test
    void aRebuildCountsOnlyPersistedUnitsAsSold() {
        String sale = SaleApi.create(10, 3);
        orders.persist(sale, "dave", 2, 1);
        Reserved refused = gateway.reserve(sale, "dave", 2);
        orders.reject(refused.event());
        redis.key().del(RedisKeys.all(sale));

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals("REBUILT", run.get("action"));
        assertEquals(Map.of("redisAvailable", 8, "pending", 0, "persisted", 2, "rejected", 0, "drift", 0),
                figures(run));
        assertEquals("8", stock(sale));
        assertEquals(Map.of("dave", "2"), redis.hash(String.class).hgetall(RedisKeys.buyers(sale)));
    }

    private String stock(String sale) {
        return redis.value(String.class).get(RedisKeys.stock(sale));
    }

    private static Map<String, Object> figures(Map<String, Object> run) {
        return Map.of("redisAvailable", run.get("redisAvailable"), "pending", run.get("pending"),
                "persisted", run.get("persisted"), "rejected", run.get("rejected"), "drift", run.get("drift"));
    }

    private static Map<String, Object> actions(Map<String, Object> run) {
        return Map.of("pruned", run.get("pruned"), "returned", run.get("returned"),
                "republished", run.get("republished"), "action", run.get("action"));
    }
}
