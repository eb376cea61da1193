package io.flashsale.inventory.dashboard.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.flashsale.contract.Roles;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.inventory.redis.SaleRedis;
import io.flashsale.inventory.sale.rest.SaleView;
import io.flashsale.inventory.sale.service.SaleService;
import io.flashsale.inventory.sale.service.SaleTransition;

/**
 * The dashboard's pause, resume and end buttons: the same transitions as the admin API, for the role
 * flashsale-admin, on the dashboard's session. A session cookie travels with any request the browser
 * makes, so each action also needs the header the page's own script sends ({@code X-Requested-With:
 * JavaScript}): a form or an image of another site cannot send it, and a script of another origin would
 * need a CORS permission this service never gives.
 */
@Path("/dashboard/sales/{id}")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class DashboardActionResource {

    static final String SCRIPT_HEADER = "X-Requested-With";
    static final String SCRIPT = "JavaScript";

    private final SaleService sales;
    private final SaleRedis redis;

    public DashboardActionResource(SaleService sales, SaleRedis redis) {
        this.sales = sales;
        this.redis = redis;
    }

    @POST
    @Path("pause")
    @Operation(hidden = true)
    public SaleView pause(@PathParam("id") String id, @HeaderParam(SCRIPT_HEADER) String script) {
        return act(id, SaleTransition.PAUSE, script);
    }

    @POST
    @Path("resume")
    @Operation(hidden = true)
    public SaleView resume(@PathParam("id") String id, @HeaderParam(SCRIPT_HEADER) String script) {
        return act(id, SaleTransition.RESUME, script);
    }

    @POST
    @Path("end")
    @Operation(hidden = true)
    public SaleView end(@PathParam("id") String id, @HeaderParam(SCRIPT_HEADER) String script) {
        return act(id, SaleTransition.END, script);
    }

    private SaleView act(String id, SaleTransition transition, String script) {
        if (!SCRIPT.equals(script)) {
            throw Problem.of(ProblemType.FORBIDDEN, "dashboard actions come from the dashboard's page only "
                    + "(" + SCRIPT_HEADER + ": " + SCRIPT + ")").exception();
        }
        var sale = sales.transition(id, transition);
        return SaleView.of(sale, redis.live(sale.id));
    }
}
