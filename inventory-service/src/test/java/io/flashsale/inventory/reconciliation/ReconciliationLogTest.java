package io.flashsale.inventory.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.LogFields;
import io.flashsale.contract.RedisKeys;
import io.flashsale.testsupport.JsonTestLog;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.TestGateway.Reserved;
import io.flashsale.inventory.support.WithReservations;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What reconciliation logs about a sale carries the sale as a log field, and what it logs about one of
 * its orders the order too (the JSON records as production writes them).
 */
@QuarkusTest
class ReconciliationLogTest extends WithReservations {

    @Test
    void aDriftIsLoggedWithItsSaleAndNoOrder() {
        String sale = SaleApi.create(10, 3);
        // A unit gone from Redis: a positive drift, reported at WARN.
        redis.value(Long.class).decrby(RedisKeys.stock(sale), 1);

        assertEquals(1, ReconciliationApi.run(sale).get("drift"));

        JsonNode logged = JsonTestLog.await(LogFields.SALE_ID, sale,
                r -> r.path("message").asText().startsWith("DRIFT on sale " + sale));
        assertEquals("WARN", logged.path("level").asText(), logged::toString);
        assertFalse(logged.path("mdc").has(LogFields.ORDER_ID), logged::toString);
    }

    @Test
    void aReturnedReservationIsLoggedWithItsSaleAndOrder() {
        String sale = SaleApi.create(10, 3);
        Reserved refused = gateway.reserve(sale, "erin", 2);
        orders.reject(refused.event());

        assertEquals(1, ReconciliationApi.run(sale).get("returned"));

        String orderId = refused.event().orderId();
        JsonNode logged = JsonTestLog.await(LogFields.ORDER_ID, orderId, r -> true);
        assertEquals("WARN", logged.path("level").asText(), logged::toString);
        assertEquals(sale, logged.path("mdc").path(LogFields.SALE_ID).asText(), logged::toString);
        assertTrue(logged.path("message").asText().contains("returned 2 unit(s) of order " + orderId), logged::toString);
    }
}
