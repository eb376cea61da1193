package io.flashsale.inventory.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.TestGateway.Reserved;
import io.flashsale.inventory.support.WithReservations;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DriftCheckTest extends WithReservations {

    @Test
    void pendingAndPersistedUnitsAddUpToTheTotal() {
        String sale = SaleApi.create(10, 5);
        orders.persist(gateway.reserve(sale, "alice", 2).event());
        orders.persist(gateway.reserve(sale, "bob", 1).event());
        gateway.reserve(sale, "carol", 3);

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals(Map.of("total", 10, "redisAvailable", 4, "redisSeq", 3, "pending", 3, "persisted", 3,
                "drift", 0), Map.of("total", run.get("total"), "redisAvailable", run.get("redisAvailable"),
                "redisSeq", run.get("redisSeq"), "pending", run.get("pending"), "persisted", run.get("persisted"),
                "drift", run.get("drift")));
    }

    @Test
    void persistedReservationsArePrunedFromTheLog() {
        String sale = SaleApi.create(10, 5);
        Reserved persisted1 = gateway.reserve(sale, "alice", 2);
        Reserved persisted2 = gateway.reserve(sale, "bob", 1);
        Reserved pending = gateway.reserve(sale, "carol", 3);
        orders.persist(persisted1.event());
        orders.persist(persisted2.event());

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals(2, run.get("pruned"));
        assertEquals("PRUNED", run.get("action"));
        assertEquals(Set.of(pending.event().orderId()),
                redis.hash(String.class).hgetall(RedisKeys.reservations(sale)).keySet());
    }

    @Test
    void unitsGoneWithoutAReservationShowAsDrift() {
        String sale = SaleApi.create(10, 5);
        redis.value(Long.class).decrby(RedisKeys.stock(sale), 2);

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals(2, run.get("drift"));
        assertEquals("DRIFT", run.get("action"));
    }

    @Test
    void aSaleWithNothingToDoIsOk() {
        String sale = SaleApi.create(10, 5);

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals("OK", run.get("action"));
        assertEquals(0, run.get("drift"));
    }

    @Test
    void theSnapshotScriptIsLoadedAgainAfterRedisForgotIt() {
        String sale = SaleApi.create(10, 5);
        ReconciliationApi.run(sale);
        redis.execute("SCRIPT", "FLUSH");

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals("OK", run.get("action"));
    }

    @Test
    void liveCountersAreNeverRewarmed() {
        String sale = SaleApi.create(10, 5);
        redis.value(String.class).set(RedisKeys.stock(sale), "3");

        ReconciliationApi.run(sale);

        assertEquals("3", redis.value(String.class).get(RedisKeys.stock(sale)));
    }
}
