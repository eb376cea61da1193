package io.flashsale.order;

import java.util.Map;
import java.util.Set;

import io.flashsale.order.rest.OrderResource;
import io.flashsale.testsupport.ApiDocumentContract;
import io.quarkus.test.junit.QuarkusTest;

/** The API document at /q/openapi describes every endpoint and every answer; Swagger UI shows it. */
@QuarkusTest
class OpenApiTest implements ApiDocumentContract {

    /** Every operation of order-service, with the statuses it answers (OrderResourceTest, DatabaseOutageTest). */
    private static final Map<String, Set<String>> OPERATIONS = Map.of(
            "GET /api/orders", Set.of("200", "400", "401", "403", "503"),
            "GET /api/orders/{orderId}", Set.of("200", "400", "401", "403", "404", "503"));

    @Override
    public String service() {
        return "order-service";
    }

    @Override
    public Map<String, Set<String>> operations() {
        return OPERATIONS;
    }

    @Override
    public Class<?>[] resources() {
        return new Class<?>[] {OrderResource.class};
    }
}
