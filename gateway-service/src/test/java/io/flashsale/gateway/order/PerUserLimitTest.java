package io.flashsale.gateway.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;

@QuarkusTest
class PerUserLimitTest extends GatewayTestBase {

    @Test
    void oneUserPostingTwentyTimesAtOnceGetsOneOrder() throws Exception {
        String saleId = TestSales.open(redis, 100, 1);

        List<HttpResponse<String>> responses = Http.race(20, 20, i -> order(saleId, "greedy", 1, null));

        assertEquals(1, responses.stream().filter(r -> r.statusCode() == 202).count());
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() != 202).toList();
        assertEquals(19, refused.size());
        // Past the buyer's burst (10 by default) the rate limit answers first; the rest meet the per-user limit.
        refused.forEach(r -> {
            String type = new JsonObject(r.body()).getString("type");
            assertTrue(r.statusCode() == 409 && type.equals("urn:flashsale:problem:limit-reached")
                    || r.statusCode() == 429 && type.equals("urn:flashsale:problem:rate-limited"), r::body);
        });
        assertTrue(refused.stream().anyMatch(r -> r.statusCode() == 409), "some reached the per-user limit");
        assertEquals(99, TestSales.stock(redis, saleId));
        assertEquals("1", TestSales.buyers(redis, saleId).get("greedy"));
        assertEquals(1, published(saleId).size());
    }

    @Test
    void aQuantityAboveTheLimitIsRefused() throws Exception {
        String saleId = TestSales.open(redis, 100, 2);

        HttpResponse<String> response = Http.send(order(saleId, "u", 3, null));

        assertEquals(409, response.statusCode());
        assertEquals(2, new JsonObject(response.body()).getInteger("limit"));
        assertEquals(100, TestSales.stock(redis, saleId));
    }

    @Test
    void theSameIdempotencyKeyTwiceReturnsTheSameOrderAndReservesOnce() throws Exception {
        String saleId = TestSales.open(redis, 10, 1);

        HttpResponse<String> first = Http.send(order(saleId, "careful", 1, "key-1"));
        HttpResponse<String> second = Http.send(order(saleId, "careful", 1, "key-1"));

        assertEquals(202, first.statusCode());
        assertEquals(202, second.statusCode());
        String orderId = new JsonObject(first.body()).getString("orderId");
        assertEquals(orderId, new JsonObject(second.body()).getString("orderId"));
        assertEquals("/api/orders/" + orderId, second.headers().firstValue("Location").orElseThrow()
                .replaceFirst("^https?://[^/]+", ""));
        assertEquals(9, TestSales.stock(redis, saleId));
        assertEquals(1, TestSales.seq(redis, saleId));
        assertEquals(1, TestSales.reservations(redis, saleId).size());
    }

    @Test
    void anIdempotencyKeyBelongsToItsBuyer() throws Exception {
        String saleId = TestSales.open(redis, 10, 1);

        HttpResponse<String> ann = Http.send(order(saleId, "ann", 1, "same-key"));
        HttpResponse<String> ben = Http.send(order(saleId, "ben", 1, "same-key"));

        assertEquals(202, ann.statusCode());
        assertEquals(202, ben.statusCode());
        assertNotEquals(new JsonObject(ann.body()).getString("orderId"), new JsonObject(ben.body()).getString("orderId"),
                "two buyers' orders under one key are two orders");
        assertEquals(8, TestSales.stock(redis, saleId));
    }

    @Test
    void concurrentRetriesWithOneKeyAllGetTheSameOrder() throws Exception {
        String saleId = TestSales.open(redis, 10, 1);

        List<HttpResponse<String>> responses = Http.race(10, 10, i -> order(saleId, "retrier", 1, "k"));

        assertEquals(10, responses.stream().filter(r -> r.statusCode() == 202).count());
        assertEquals(1, OrderRaceTest.orderIds(responses).size());
        assertEquals(9, TestSales.stock(redis, saleId));
    }
}
