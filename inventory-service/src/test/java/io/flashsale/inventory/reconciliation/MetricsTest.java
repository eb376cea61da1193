package io.flashsale.inventory.reconciliation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.TestGateway;
import io.flashsale.inventory.support.TestOrders;
import io.flashsale.stack.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class MetricsTest {

    @Inject
    TestGateway gateway;

    @Inject
    TestOrders orders;

    @Test
    void aRunPublishesTheSaleFiguresAsGauges() {
        String sale = SaleApi.create(10, 5);
        gateway.reserve(sale, "alice", 3, gateway.redisTimeMs());

        ReconciliationApi.run(sale);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("flashsale_inventory_available{sale=\"" + sale + "\"} 7.0"),
                        containsString("flashsale_inventory_pending{sale=\"" + sale + "\"} 3.0"),
                        containsString("flashsale_inventory_persisted{sale=\"" + sale + "\"} 0.0"),
                        containsString("flashsale_inventory_rejected{sale=\"" + sale + "\"} 0.0"),
                        containsString("flashsale_inventory_drift{sale=\"" + sale + "\"} 0.0"));
    }

    @Test
    void returnedReservationsAreCounted() {
        String sale = SaleApi.create(10, 1);
        orders.reject(gateway.reserve(sale, "zoe", 1, gateway.redisTimeMs()).event());

        ReconciliationApi.run(sale);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("flashsale_reconciliation_returned_total"));
    }

    @Test
    void runsAreCountedByResult() {
        ReconciliationApi.run(SaleApi.create(10, 1));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("flashsale_reconciliation_runs_total{result=\"ok\"}"));
    }
}
