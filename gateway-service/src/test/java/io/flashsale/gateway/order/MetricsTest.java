package io.flashsale.gateway.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;

/** The gateway's meters as Prometheus scrapes them, under the names the README lists (the outcomes at start: OutcomesAtStartTest). */
@QuarkusTest
class MetricsTest extends GatewayTestBase {

    private static final Pattern BUCKET = Pattern.compile(
            "^flashsale_gateway_accept_latency_seconds_bucket\\{(?=[^}]*status=\"202\")[^}]*le=\"([^\"]+)\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);

    @Inject
    MeterRegistry registry;

    @Test
    void anAcceptedOrderAndASoldOutOneAreScraped() throws Exception {
        String saleId = TestSales.open(redis, 1, 1);
        assertEquals(202, Http.timed(order(saleId, "first", 1, null)).status());
        // The last unit is gone: the local flag answers without asking Redis.
        assertEquals(409, Http.timed(order(saleId, "second", 1, null)).status());

        given().get(management("/q/metrics")).then().statusCode(200)
                .body(containsString("flashsale_gateway_orders_total{outcome=\"accepted\""))
                .body(containsString("flashsale_gateway_orders_total{outcome=\"sold-out\""))
                .body(containsString("flashsale_gateway_publish_latency_seconds_bucket"))
                .body(containsString("flashsale_gateway_publish_latency_seconds_count"))
                .body(containsString("flashsale_gateway_publish_failures_total"))
                .body(containsString("flashsale_gateway_soldout_shortcircuits_total"))
                .body(containsString("flashsale_gateway_kafka_breaker_open"))
                .body(containsString("flashsale_gateway_in_flight"));
    }

    @Test
    void acceptLatencyIsAHistogramByStatusThatHistogramQuantileCanUse() throws Exception {
        String saleId = TestSales.open(redis, 1, 1);
        long accepted = answered(202);
        long refused = answered(409);

        assertEquals(202, Http.send(order(saleId, "first", 1, null)).statusCode());
        assertEquals(409, Http.send(order(saleId, "second", 1, null)).statusCode());

        assertEquals(accepted + 1, answered(202));
        assertEquals(refused + 1, answered(409));
        Map<Double, Double> buckets = new TreeMap<>();
        Matcher m = BUCKET.matcher(scrape());
        while (m.find()) {
            buckets.put(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)),
                    Double.parseDouble(m.group(2)));
        }
        assertTrue(buckets.keySet().containsAll(List.of(0.005, 0.1, 1.0, Double.POSITIVE_INFINITY)), buckets::toString);
        assertEquals((double) answered(202), buckets.get(Double.POSITIVE_INFINITY), "+Inf counts every answer");
        double previous = 0;
        for (double cumulative : buckets.values()) {
            assertTrue(cumulative >= previous, "buckets are cumulative: " + buckets);
            previous = cumulative;
        }
    }

    private long answered(int status) {
        return registry.get("flashsale.gateway.accept.latency").tag("status", Integer.toString(status)).timer().count();
    }

    private String scrape() {
        return given().when().get(management("/q/metrics")).then().statusCode(200).extract().asString();
    }
}
