package io.flashsale.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.flashsale.order.rest.OrderResource;
import io.flashsale.testsupport.ApiDocument;
import io.quarkus.test.junit.QuarkusTest;

/** The API document at /q/openapi describes every endpoint and every answer; Swagger UI shows it. */
@QuarkusTest
class OpenApiTest {

    /** Every operation of order-service, with the statuses it answers (OrderResourceTest, DatabaseOutageTest). */
    private static final Map<String, Set<String>> OPERATIONS = Map.of(
            "GET /api/orders", Set.of("200", "400", "401", "403", "503"),
            "GET /api/orders/{orderId}", Set.of("200", "400", "401", "403", "404", "503"));

    @Test
    void theResourcesHaveExactlyTheseOperations() {
        assertEquals(OPERATIONS.keySet(), ApiDocument.resourceOperations(OrderResource.class));
    }

    @Test
    void theDocumentListsEveryOperationWithItsAnswersAndErrorsAsProblems() {
        ApiDocument.assertDescribes(ApiDocument.fetch(), OPERATIONS);
    }

    @Test
    void everyOperationSaysWhoMayCallIt() {
        ApiDocument.assertSecurity(ApiDocument.fetch(), "bearer", Set.of());
    }

    @Test
    void theDocumentIsTitledAfterTheService() {
        assertEquals("flashsale order-service", ApiDocument.fetch().getString("info.title"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
    }
}
