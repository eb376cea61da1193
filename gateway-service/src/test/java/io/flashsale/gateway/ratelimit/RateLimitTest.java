package io.flashsale.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;

/**
 * The bots: one buyer flooding, one token posing as a thousand buyers, and buyers whose requests reach
 * several gateways. Default limits: a buyer 5 requests a second with a burst of 10, per sale.
 */
@QuarkusTest
class RateLimitTest extends GatewayTestBase {

    private static final String RATE_LIMITED = "urn:flashsale:problem:rate-limited";

    @Test
    void oneBuyerSendingFiveHundredRequestsInASecondIsLimitedAndTheSaleStillSellsItsStockToEveryoneElse()
            throws Exception {
        String saleId = TestSales.open(redis, 50, 1);
        String bot = issuer.buyer("bot");
        long started = System.nanoTime();
        List<HttpResponse<String>> flood = Http.race(500, 50, i -> Http.postOrder(uri(), bot, saleId, 1, null));
        long refilled = refilledSince(started);

        List<HttpResponse<String>> limited = flood.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(1, flood.stream().filter(r -> r.statusCode() == 202).count());
        assertTrue(limited.size() >= 500 - 10 - refilled,
                "past the burst of 10 and the " + refilled + " the flood's duration refilled: " + limited.size());
        limited.forEach(r -> {
            JsonObject problem = new JsonObject(r.body());
            assertEquals(RATE_LIMITED, problem.getString("type"));
            assertEquals("buyer", problem.getString("limit"));
            assertTrue(Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        });
        flood.stream().filter(r -> r.statusCode() != 202 && r.statusCode() != 429).forEach(r ->
                assertEquals("urn:flashsale:problem:limit-reached", new JsonObject(r.body()).getString("type")));

        List<HttpResponse<String>> everyoneElse = Http.race(100, 20, i -> order(saleId, "buyer-" + i, 1, null));
        assertEquals(49, everyoneElse.stream().filter(r -> r.statusCode() == 202).count());
        assertEquals(51, everyoneElse.stream().filter(r -> r.statusCode() == 409).count());
        assertEquals(0, TestSales.stock(redis, saleId));
        assertEquals(50, TestSales.buyers(redis, saleId).size());
        assertEquals(50, published(saleId).size());
    }

    @Test
    void aThousandInventedBuyersInBodiesWithOneTokenBuyNothingMoreThanThatTokensBuyer() throws Exception {
        String saleId = TestSales.open(redis, 100, 1);
        String bot = issuer.buyer("bot");

        List<HttpResponse<String>> responses = Http.race(1000, 50, i -> Http.postBody(uri(), bot, saleId,
                "{\"userId\":\"invented-" + i + "\",\"quantity\":1}"));

        responses.forEach(r -> assertTrue(r.statusCode() == 403 || r.statusCode() == 429, r::body));
        assertTrue(responses.stream().anyMatch(r -> "urn:flashsale:problem:buyer-mismatch".equals(
                new JsonObject(r.body()).getString("type"))));
        assertEquals(100, TestSales.stock(redis, saleId));
        assertEquals(Map.of(), TestSales.buyers(redis, saleId));
        assertEquals(0, published(saleId).size());

        // The token's own buyer still gets at most its limit.
        List<HttpResponse<String>> own = Http.race(5, 5, i -> Http.postOrder(uri(), bot, saleId, 1, null));
        assertEquals(1, own.stream().filter(r -> r.statusCode() == 202).count());
        assertEquals(Map.of("bot", "1"), TestSales.buyers(redis, saleId));
    }

    @Test
    void soldOutAnswersCountToo() throws Exception {
        String saleId = TestSales.open(redis, 1, 1);
        assertEquals(202, Http.send(order(saleId, "lucky", 1, null)).statusCode());
        String late = issuer.buyer("late");

        long started = System.nanoTime();
        List<HttpResponse<String>> responses = Http.race(100, 10, i -> Http.postOrder(uri(), late, saleId, 1, null));
        long refilled = refilledSince(started);

        long soldOut = responses.stream().filter(r -> r.statusCode() == 409).count();
        long limited = responses.stream().filter(r -> r.statusCode() == 429).count();
        assertEquals(100, soldOut + limited);
        assertTrue(soldOut <= 10 + refilled,
                "at most the burst and the " + refilled + " the burst's duration refilled are answered sold-out: "
                        + soldOut);
    }

    /**
     * The most tokens a buyer's bucket (5 a second) can have gained since {@code started}, rounded up: a slow
     * machine stretches a burst of requests over more than a second, and the limiter rightly lets the refill
     * through.
     */
    private static long refilledSince(long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return (long) Math.ceil(5 * seconds) + 1;
    }

}
