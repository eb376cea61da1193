package io.flashsale.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.flashsale.gateway.health.PingResource;
import io.flashsale.gateway.order.rest.OrderResource;
import io.flashsale.gateway.order.rest.OrderStatusResource;
import io.flashsale.gateway.sale.rest.SaleResource;
import io.flashsale.testsupport.ApiDocument;
import io.quarkus.test.junit.QuarkusTest;

/** The API document at /q/openapi describes every endpoint and every answer; Swagger UI shows it. */
@QuarkusTest
class OpenApiTest {

    /** Every operation of the gateway, with the statuses it answers (BadInputTest and the outage tests). */
    private static final Map<String, Set<String>> OPERATIONS = Map.of(
            "POST /api/sales/{saleId}/orders", Set.of("202", "400", "401", "403", "404", "409", "413", "415", "429",
                    "503"),
            "GET /api/orders/{orderId}", Set.of("200", "400", "401", "403", "404", "503"),
            "GET /api/sales/{saleId}", Set.of("200", "400", "404", "503"),
            "GET /api/ping", Set.of("200"),
            "POST /api/ping", Set.of("200"));

    @Test
    void theResourcesHaveExactlyTheseOperations() {
        assertEquals(OPERATIONS.keySet(),
                ApiDocument.resourceOperations(OrderResource.class, OrderStatusResource.class, SaleResource.class,
                        PingResource.class));
    }

    @Test
    void theDocumentListsEveryOperationWithItsAnswersAndErrorsAsProblems() {
        ApiDocument.assertDescribes(ApiDocument.fetch(), OPERATIONS);
    }

    @Test
    void everyOperationSaysWhoMayCallIt() {
        ApiDocument.assertSecurity(ApiDocument.fetch(), "bearer",
                Set.of("GET /api/sales/{saleId}", "GET /api/ping", "POST /api/ping"));
    }

    @Test
    void theDocumentIsTitledAfterTheService() {
        assertEquals("flashsale gateway-service", ApiDocument.fetch().getString("info.title"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
    }
}
