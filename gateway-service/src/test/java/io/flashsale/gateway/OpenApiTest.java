package io.flashsale.gateway;

import java.util.Map;
import java.util.Set;

import io.flashsale.gateway.health.PingResource;
import io.flashsale.gateway.identity.rest.CallerResource;
import io.flashsale.gateway.order.rest.OrderResource;
import io.flashsale.gateway.order.rest.OrderStatusResource;
import io.flashsale.gateway.sale.rest.SaleResource;
import io.flashsale.testsupport.ApiDocumentContract;
import io.quarkus.test.junit.QuarkusTest;

/** The API document at /q/openapi describes every endpoint and every answer; Swagger UI shows it. */
@QuarkusTest
class OpenApiTest implements ApiDocumentContract {

    /** Every operation of the gateway, with the statuses it answers (BadInputTest and the outage tests). */
    private static final Map<String, Set<String>> OPERATIONS = Map.of(
            "POST /api/sales/{saleId}/orders", Set.of("202", "400", "401", "403", "404", "409", "413", "415", "429",
                    "503"),
            "GET /api/orders/{orderId}", Set.of("200", "400", "401", "403", "404", "503"),
            "GET /api/sales/{saleId}", Set.of("200", "400", "404", "503"),
            "GET /api/me", Set.of("200", "401", "403"),
            "GET /api/ping", Set.of("200"),
            "POST /api/ping", Set.of("200"));

    @Override
    public String service() {
        return "gateway-service";
    }

    @Override
    public Map<String, Set<String>> operations() {
        return OPERATIONS;
    }

    @Override
    public Class<?>[] resources() {
        return new Class<?>[] {OrderResource.class, OrderStatusResource.class, SaleResource.class, PingResource.class,
                CallerResource.class};
    }

    @Override
    public Set<String> publicOperations() {
        return Set.of("GET /api/sales/{saleId}", "GET /api/ping", "POST /api/ping");
    }
}
