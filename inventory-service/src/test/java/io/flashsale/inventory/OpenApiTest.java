package io.flashsale.inventory;

import java.util.Map;
import java.util.Set;

import io.flashsale.inventory.dashboard.rest.DashboardActionResource;
import io.flashsale.inventory.dashboard.rest.DashboardResource;
import io.flashsale.inventory.dashboard.rest.RootResource;
import io.flashsale.inventory.reconciliation.rest.ReconciliationResource;
import io.flashsale.inventory.sale.rest.SaleResource;
import io.flashsale.inventory.support.AsOperator;
import io.flashsale.testsupport.ApiDocumentContract;
import io.quarkus.test.junit.QuarkusTest;

/** The API document at /q/openapi describes every endpoint and every answer; Swagger UI shows it. */
@QuarkusTest
class OpenApiTest extends AsOperator implements ApiDocumentContract {

    /** Every operation of inventory-service, with the statuses it answers (the Sale* and Reconciliation* tests). */
    private static final Map<String, Set<String>> OPERATIONS = Map.of(
            "POST /api/admin/sales", Set.of("201", "400", "401", "403", "409", "413", "415"),
            "GET /api/admin/sales", Set.of("200", "401", "403"),
            "GET /api/admin/sales/{id}", Set.of("200", "401", "403", "404"),
            "POST /api/admin/sales/{id}/pause", Set.of("200", "401", "403", "404", "409"),
            "POST /api/admin/sales/{id}/resume", Set.of("200", "401", "403", "404", "409"),
            "POST /api/admin/sales/{id}/end", Set.of("200", "401", "403", "404", "409"),
            "GET /api/reconciliation", Set.of("200", "401", "403"),
            "GET /api/reconciliation/{saleId}", Set.of("200", "400", "401", "403", "404"),
            "POST /api/reconciliation/run", Set.of("200", "401", "403", "404", "503"),
            "GET /dashboard/stream", Set.of("200", "401", "403"));

    /** The page, who is logged in, and the page's own buttons: for a browser, left out of the document. */
    private static final Set<String> HIDDEN = Set.of("GET /dashboard", "GET /", "GET /dashboard/me",
            "POST /dashboard/sales/{id}/pause", "POST /dashboard/sales/{id}/resume", "POST /dashboard/sales/{id}/end");

    @Override
    public String service() {
        return "inventory-service";
    }

    @Override
    public Map<String, Set<String>> operations() {
        return OPERATIONS;
    }

    @Override
    public Class<?>[] resources() {
        return new Class<?>[] {SaleResource.class, ReconciliationResource.class, DashboardResource.class,
                DashboardActionResource.class, RootResource.class};
    }

    @Override
    public Set<String> hidden() {
        return HIDDEN;
    }
}
