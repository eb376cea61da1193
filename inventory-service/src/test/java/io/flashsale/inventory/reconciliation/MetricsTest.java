package io.flashsale.inventory.reconciliation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flashsale.inventory.reconciliation.persistence.ReconciliationRun;
import io.flashsale.inventory.reconciliation.persistence.RunHistory;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.TestGateway;
import io.flashsale.inventory.support.TestOrders;
import io.flashsale.inventory.support.AsOperator;
import io.flashsale.testsupport.Management;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MetricsTest extends AsOperator {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    TestGateway gateway;

    @Inject
    TestOrders orders;

    @Inject
    RunHistory history;

    @Test
    void aRunPublishesTheSaleFiguresAsGauges() {
        String sale = SaleApi.create(10, 5);
        gateway.reserve(sale, "alice", 3);

        ReconciliationApi.run(sale);

        given().get(Management.url(management, "/q/metrics")).then().statusCode(200)
                .body(containsString("flashsale_inventory_available{sale=\"" + sale + "\"} 7.0"),
                        containsString("flashsale_inventory_pending{sale=\"" + sale + "\"} 3.0"),
                        containsString("flashsale_inventory_persisted{sale=\"" + sale + "\"} 0.0"),
                        containsString("flashsale_inventory_rejected{sale=\"" + sale + "\"} 0.0"),
                        containsString("flashsale_inventory_drift{sale=\"" + sale + "\"} 0.0"));
    }

    @Test
    void returnedReservationsAreCounted() {
        String sale = SaleApi.create(10, 1);
        orders.reject(gateway.reserve(sale, "zoe", 1).event());

        ReconciliationApi.run(sale);

        given().get(Management.url(management, "/q/metrics")).then().statusCode(200)
                .body(containsString("flashsale_reconciliation_returned_total"));
    }

    @Test
    void runsAreCountedByResult() {
        ReconciliationApi.run(SaleApi.create(10, 1));

        given().get(Management.url(management, "/q/metrics")).then().statusCode(200)
                .body(containsString("flashsale_reconciliation_runs_total{result=\"ok\"}"));
    }

    @Test
    void everyCounterIsScrapedBeforeItFirstCounts() {
        given().get(Management.url(management, "/q/metrics")).then().statusCode(200)
                .body(containsString("flashsale_reconciliation_runs_total{result=\"ok\"}"),
                        containsString("flashsale_reconciliation_runs_total{result=\"drift\"}"),
                        containsString("flashsale_reconciliation_runs_total{result=\"rebuilt\"}"),
                        containsString("flashsale_reconciliation_runs_total{result=\"rebuild_waiting\"}"),
                        containsString("flashsale_reconciliation_runs_total{result=\"failed\"}"),
                        containsString("flashsale_reconciliation_republished_total "),
                        containsString("flashsale_reconciliation_returned_total "),
                        containsString("flashsale_reconciliation_rebuilds_total "));
    }

    @Test
    void aNewerRunStoredByAnotherReplicaReplacesTheGaugesOfThisOne() {
        String sale = SaleApi.create(10, 5);
        ReconciliationApi.run(sale);
        given().get(Management.url(management, "/q/metrics")).then()
                .body(containsString("flashsale_inventory_drift{sale=\"" + sale + "\"} 0.0"));

        // What another replica stores when it finds drift; this replica only sees it in the database.
        ReconciliationRun elsewhere = ReconciliationRun.of(sale, 10);
        elsewhere.redisAvailable = 8L;
        elsewhere.pending = 0L;
        elsewhere.persisted = 0L;
        elsewhere.rejected = 0L;
        elsewhere.drift = 2L;
        elsewhere.action = "DRIFT";
        history.record(elsewhere);

        // Read every flashsale.reconciliation.interval (5 s), on every replica.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(Management.url(management, "/q/metrics")).then()
                .body(containsString("flashsale_inventory_drift{sale=\"" + sale + "\"} 2.0"),
                        containsString("flashsale_inventory_available{sale=\"" + sale + "\"} 8.0"),
                        containsString("flashsale_inventory_recovering{sale=\"" + sale + "\"} 0.0")));
    }
}
