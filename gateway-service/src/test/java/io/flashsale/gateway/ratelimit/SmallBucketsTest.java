package io.flashsale.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.flashsale.testsupport.ConfigOverrides;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Small buckets, so that the tests stay short and their timing loose: a buyer 1 request a second with a
 * burst of 3, an address 1 a second with a burst of 20. The address limit counts the socket's peer (an
 * X-Forwarded-For header from a client that is not a trusted proxy changes nothing), and the shared
 * buckets count what every gateway took.
 */
@QuarkusTest
@TestProfile(SmallBucketsTest.SmallBuckets.class)
class SmallBucketsTest extends GatewayTestBase {

    public static class SmallBuckets extends ConfigOverrides {
        public SmallBuckets() {
            super("flashsale.rate-limit.address.rate", "1", "flashsale.rate-limit.address.burst", "20",
                    "flashsale.rate-limit.buyer.rate", "1", "flashsale.rate-limit.buyer.burst", "3");
        }
    }

    @Test
    void manyBuyersFromOneAddressShareItsBucketWhateverTheyClaim() throws Exception {
        String saleId = TestSales.open(redis, 1000, 1);

        List<HttpResponse<String>> responses = Http.race(60, 10, i -> Http.withHeader(
                order(saleId, "crowd-" + i, 1, null), "X-Forwarded-For", "198.51.100." + i));

        long accepted = responses.stream().filter(r -> r.statusCode() == 202).count();
        List<HttpResponse<String>> limited = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(60, accepted + limited.size());
        assertTrue(accepted >= 20 && accepted <= 20 + 5, "the burst, and what a second refills: " + accepted);
        limited.forEach(r -> assertEquals("address", new JsonObject(r.body()).getString("limit")));
        assertEquals(accepted, TestSales.buyers(redis, saleId).size());
        assertTrue(redis.key().keys(RedisKeys.addressBucket(saleId, "198.51.100.*")).isEmpty(),
                "no bucket for an address a client only claimed");
    }

    @Test
    void aBuyersRequestsAtAnotherGatewayCountHereToo() throws Exception {
        String saleId = TestSales.open(redis, 100, 100);
        // Another replica runs the same script for the buyer until the shared bucket refuses it; this gateway
        // has not seen the buyer, so its own bucket is full.
        String script = new String(getClass().getClassLoader().getResourceAsStream("lua/reserve.lua")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int reservedElsewhere = 0;
        while (true) {
            List<String> args = new ArrayList<>(List.of(script, "8"));
            args.addAll(List.of(RedisKeys.reserve(saleId, "roaming", "192.0.2.1")));
            args.addAll(List.of(UUID.randomUUID().toString(), "roaming", "1", "", saleId, "1", "3", "1", "20"));
            String outcome = redis.execute("EVAL", args.toArray(String[]::new)).get(0).toString();
            if (!outcome.equals("ACCEPTED")) {
                assertEquals("RATE_LIMITED", outcome);
                break;
            }
            reservedElsewhere++;
        }

        HttpResponse<String> response = Http.send(order(saleId, "roaming", 1, null));

        assertEquals(429, response.statusCode(), response.body());
        assertEquals("buyer", new JsonObject(response.body()).getString("limit"));
        assertTrue(reservedElsewhere >= 3, "the other gateway had the burst: " + reservedElsewhere);
        assertEquals(100 - reservedElsewhere, TestSales.stock(redis, saleId));
        assertEquals(reservedElsewhere, TestSales.seq(redis, saleId));
    }
}
