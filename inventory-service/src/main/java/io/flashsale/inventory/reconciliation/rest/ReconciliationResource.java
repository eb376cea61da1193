package io.flashsale.inventory.reconciliation.rest;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.flashsale.contract.problem.Problem;
import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.reconciliation.service.ReconciliationService;
import io.flashsale.inventory.reconciliation.service.RunHistory;
import io.flashsale.inventory.sale.service.SaleService;

/** The reconciliation report, and a way to run reconciliation now. */
@Path("/api/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private final ReconciliationService reconciliation;
    private final RunHistory history;
    private final SaleService sales;
    private final InventoryConfig config;

    public ReconciliationResource(ReconciliationService reconciliation, RunHistory history, SaleService sales,
            InventoryConfig config) {
        this.reconciliation = reconciliation;
        this.history = history;
        this.sales = sales;
        this.config = config;
    }

    /** The newest run of every sale. */
    @GET
    public List<RunView> latest() {
        return history.latestPerSale().stream().map(RunView::of).toList();
    }

    /** A sale's runs, newest first. */
    @GET
    @Path("{saleId}")
    public List<RunView> history(@PathParam("saleId") String saleId, @QueryParam("limit") @DefaultValue("50") String limit) {
        int max = parseLimit(limit);
        sales.get(saleId);
        return history.history(saleId, max).stream().map(RunView::of).toList();
    }

    /** Reconciles now (after any run in progress elsewhere) and returns the runs made. */
    @POST
    @Path("run")
    public List<RunView> run(@QueryParam("saleId") String saleId) {
        return reconciliation.runNow(Optional.ofNullable(saleId)).stream().map(RunView::of).toList();
    }

    private int parseLimit(String limit) {
        int max = config.reconciliation().historyMax();
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below like any other value out of range
        }
        throw Problem.invalid("limit", "limit must be a whole number between 1 and " + max).exception();
    }
}
