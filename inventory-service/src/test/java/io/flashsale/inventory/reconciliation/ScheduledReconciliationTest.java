package io.flashsale.inventory.reconciliation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.Roles;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.stack.StackTestResource;
import io.flashsale.stack.testing.Bearer;
import io.flashsale.stack.testing.InjectIssuer;
import io.flashsale.stack.testing.TestIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
@TestProfile(ScheduledReconciliationTest.Enabled.class)
class ScheduledReconciliationTest {

    @InjectIssuer
    TestIssuer issuer;

    /** An operator's token (admin and ops), which every request of these tests carries. */
    String operator;

    @BeforeEach
    void asOperator() {
        operator = issuer.token("operator", Roles.ADMIN, Roles.OPS);
        Bearer.use(operator);
    }

    @AfterEach
    void anonymous() {
        Bearer.clear();
    }

    /** The production set-up: the scheduler on, here every second. */
    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flashsale.reconciliation.enabled", "true", "flashsale.reconciliation.interval", "1s");
        }
    }

    @Test
    void theSchedulerReconcilesEverySale() {
        String sale = SaleApi.create(10, 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/reconciliation").then().statusCode(200).body("saleId", hasItem(sale)));
    }
}
