package io.flashsale.inventory.reconciliation.rest;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flashsale.contract.Roles;
import io.flashsale.contract.problem.Problem;
import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.reconciliation.service.ReconciliationService;
import io.flashsale.inventory.reconciliation.persistence.RunHistory;
import io.flashsale.inventory.sale.service.SaleService;
import io.flashsale.inventory.reconciliation.service.RunView;

/**
 * The reconciliation report, and a way to run reconciliation now: the roles flashsale-ops and
 * flashsale-admin (a run repairs only what the scheduled run would).
 */
@Path("/api/reconciliation")
@RolesAllowed({Roles.OPS, Roles.ADMIN})
@APIResponse(responseCode = "401", description = "unauthenticated, invalid-token, token-expired or token-not-yet-valid, "
        + "with WWW-Authenticate: Bearer", content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "forbidden: the token lacks the role",
        content = @Content(mediaType = Problem.MEDIA_TYPE))
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reconciliation")
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
    @Operation(summary = "The newest reconciliation run of every sale")
    @APIResponse(responseCode = "200", description = "One run per sale")
    public List<RunView> latest() {
        return history.latestPerSale().stream().map(RunView::of).toList();
    }

    /** A sale's runs, newest first. */
    @GET
    @Path("{saleId}")
    @Operation(summary = "A sale's reconciliation runs, newest first")
    @APIResponse(responseCode = "200", description = "The runs")
    @APIResponse(responseCode = "400", description = "invalid-request: limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "sale-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public List<RunView> history(@PathParam("saleId") String saleId, @QueryParam("limit") @DefaultValue("50") String limit) {
        int max = parseLimit(limit);
        sales.get(saleId);
        return history.history(saleId, max).stream().map(RunView::of).toList();
    }

    /** Reconciles now (after any run in progress elsewhere) and returns the runs made. */
    @POST
    @Path("run")
    @Operation(summary = "Reconcile now: one sale, or every sale due", description = "Waits for a run on another "
            + "replica up to flashsale.reconciliation.lock-wait")
    @APIResponse(responseCode = "200", description = "The runs made")
    @APIResponse(responseCode = "404", description = "sale-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "dependency-unavailable: another run holds the lock",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
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
