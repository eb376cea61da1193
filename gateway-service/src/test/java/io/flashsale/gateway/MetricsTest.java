package io.flashsale.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.flashsale.stack.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The gateway's meters are on /q/metrics under the Prometheus names the README lists. */
@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "pieces", value = "kafka,redis"))
class MetricsTest extends GatewayTestBase {

    @Test
    void anAcceptedOrderAndASoldOutOneAreScraped() throws Exception {
        String saleId = TestSales.open(redis, 1, 1);
        assertEquals(202, Http.timed(Http.postOrder(uri(), saleId, "first", 1, null)).status());
        // The last unit is gone: the local flag answers without asking Redis.
        assertEquals(409, Http.timed(Http.postOrder(uri(), saleId, "second", 1, null)).status());

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("flashsale_gateway_orders_total{outcome=\"accepted\""))
                .body(containsString("flashsale_gateway_orders_total{outcome=\"sold-out\""))
                .body(containsString("flashsale_gateway_publish_latency_seconds_bucket"))
                .body(containsString("flashsale_gateway_publish_latency_seconds_count"))
                .body(containsString("flashsale_gateway_publish_failures_total"))
                .body(containsString("flashsale_gateway_soldout_shortcircuits_total"))
                .body(containsString("flashsale_gateway_kafka_breaker_open"))
                .body(containsString("flashsale_gateway_in_flight"));
    }
}
