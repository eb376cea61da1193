package io.flashsale.inventory.reconciliation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.AsOperator;
import io.flashsale.testsupport.ConfigOverrides;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ScheduledReconciliationTest.Enabled.class)
class ScheduledReconciliationTest extends AsOperator {

    /** The production set-up: the scheduler on, here every second. */
    public static class Enabled extends ConfigOverrides {
        public Enabled() {
            super("flashsale.reconciliation.enabled", "true", "flashsale.reconciliation.interval", "1s");
        }
    }

    @Test
    void theSchedulerReconcilesEverySale() {
        String sale = SaleApi.create(10, 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/reconciliation").then().statusCode(200).body("saleId", hasItem(sale)));
    }
}
