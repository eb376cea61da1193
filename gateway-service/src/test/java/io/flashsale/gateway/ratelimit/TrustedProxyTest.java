package io.flashsale.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.flashsale.testsupport.ConfigOverrides;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Behind a trusted proxy (here the test itself, on 127.0.0.1, as an Ingress would be), the address
 * limit counts the client the proxy names in X-Forwarded-For, each client its own bucket.
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindAProxy.class)
class TrustedProxyTest extends GatewayTestBase {

    public static class BehindAProxy extends ConfigOverrides {
        public BehindAProxy() {
            super("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1",
                    "flashsale.rate-limit.address.rate", "1",
                    "flashsale.rate-limit.address.burst", "5");
        }
    }

    @Test
    void eachForwardedClientHasItsOwnBucket() throws Exception {
        String saleId = TestSales.open(redis, 1000, 1);

        List<HttpResponse<String>> one = Http.race(12, 4, i -> Http.withHeader(
                order(saleId, "one-" + i, 1, null), "X-Forwarded-For", "203.0.113.7"));
        List<HttpResponse<String>> other = Http.race(5, 5, i -> Http.withHeader(
                order(saleId, "other-" + i, 1, null), "X-Forwarded-For", "203.0.113.8"));

        long accepted = one.stream().filter(r -> r.statusCode() == 202).count();
        assertTrue(accepted >= 5 && accepted <= 7, "one client's burst of 5: " + accepted);
        assertEquals(12 - accepted, one.stream().filter(r -> r.statusCode() == 429).count());
        assertEquals(5, other.stream().filter(r -> r.statusCode() == 202).count(), "the other client's own burst");
        assertTrue(redis.key().exists(RedisKeys.addressBucket(saleId, "203.0.113.7")));
        assertTrue(redis.key().exists(RedisKeys.addressBucket(saleId, "203.0.113.8")));
    }
}
