package io.flashsale.gateway.order;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.flashsale.gateway.order.service.OrderOutcome;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.testsupport.ConfigOverrides;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every outcome, and the token cache's hits and misses, are scraped at zero before any order happened: a gateway of its own (its own profile
 * starts a new application), scraped by the only test that runs in it, before it sends anything.
 * Dashboards and alerts compute rates over these series; one that appears only with its first event
 * makes that first rate undefined.
 */
@QuarkusTest
@TestProfile(OutcomesAtStartTest.NewGateway.class)
class OutcomesAtStartTest extends GatewayTestBase {

    /** Nothing changed but the application: a new one, which no other test has sent an order to. */
    public static class NewGateway extends ConfigOverrides {
    }

    @Test
    void everyOutcomeIsScrapedAtZeroBeforeTheFirstOrder() {
        String metrics = given().when().get(management("/q/metrics")).then().statusCode(200).extract().asString();

        for (OrderOutcome outcome : OrderOutcome.values()) {
            assertZero(metrics, "flashsale_gateway_orders_total{outcome=\"" + outcome.label() + "\"} ");
        }
        for (String result : new String[] {"hit", "miss"}) {
            assertZero(metrics, "flashsale_gateway_token_cache_total{result=\"" + result + "\"} ");
        }
    }

    private static void assertZero(String metrics, String series) {
        int at = metrics.indexOf(series);
        assertTrue(at >= 0, "not scraped: " + series);
        String value = metrics.substring(at + series.length(), metrics.indexOf('\n', at));
        assertEquals(0.0, Double.parseDouble(value), series);
    }
}
