package io.flashsale.gateway.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class SaleWindowTest extends GatewayTestBase {

    @Test
    void beforeStartsAtNothingIsReserved() throws Exception {
        Instant now = Instant.now();
        String saleId = TestSales.warm(redis, TestSales.newId(), 10, 1, now.plus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(2)));
        assertRefused(saleId, "NOT_STARTED");
    }

    @Test
    void afterEndsAtNothingIsReserved() throws Exception {
        Instant now = Instant.now();
        String saleId = TestSales.warm(redis, TestSales.newId(), 10, 1, now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)));
        assertRefused(saleId, "ENDED");
    }

    @Test
    void aPausedSaleReservesNothing() throws Exception {
        String saleId = TestSales.open(redis, 10, 1);
        redis.hash(String.class).hset(RedisKeys.meta(saleId), RedisKeys.META_STATE, "PAUSED");
        assertRefused(saleId, "PAUSED");
    }

    @Test
    void aSaleBeingRebuiltFailsClosedWithRetryAfter() throws Exception {
        String saleId = TestSales.open(redis, 10, 1);
        redis.hash(String.class).hset(RedisKeys.meta(saleId), RedisKeys.META_STATE, "RECOVERING");

        HttpResponse<String> response = Http.send(order(saleId, "u", 1, null));

        assertEquals(503, response.statusCode());
        assertEquals("urn:flashsale:problem:sale-recovering", new JsonObject(response.body()).getString("type"));
        assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(10, TestSales.stock(redis, saleId));
    }

    private void assertRefused(String saleId, String reason) throws Exception {
        HttpResponse<String> response = Http.send(order(saleId, "early-bird", 1, null));

        assertEquals(409, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonObject problem = new JsonObject(response.body());
        assertEquals("urn:flashsale:problem:sale-not-active", problem.getString("type"));
        assertEquals(reason, problem.getString("reason"));
        assertEquals(10, TestSales.stock(redis, saleId));
        assertEquals(0, TestSales.seq(redis, saleId));
        assertEquals(0, TestSales.reservations(redis, saleId).size());
        assertEquals(0, TestSales.buyers(redis, saleId).size());
    }
}
