package io.flashsale.inventory.sale.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flashsale.contract.Roles;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.redis.SaleRedis;
import io.flashsale.inventory.sale.persistence.Sale;
import io.flashsale.inventory.sale.service.SaleDirectorySweep;
import io.flashsale.inventory.sale.service.SaleService;
import io.flashsale.inventory.sale.service.SaleTransition;

/** The sales admin API: the role flashsale-admin only. */
@Path(SaleResource.PATH)
@RolesAllowed(Roles.ADMIN)
@APIResponse(responseCode = "401", description = "unauthenticated, invalid-token, token-expired or token-not-yet-valid, "
        + "with WWW-Authenticate: Bearer", content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "forbidden: the token lacks the role",
        content = @Content(mediaType = Problem.MEDIA_TYPE))
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sales")
public class SaleResource {

    static final String PATH = "/api/admin/sales";

    private final SaleService sales;
    private final SaleDirectorySweep directory;
    private final SaleRedis redis;
    private final InventoryConfig config;

    public SaleResource(SaleService sales, SaleDirectorySweep directory, SaleRedis redis, InventoryConfig config) {
        this.sales = sales;
        this.directory = directory;
        this.redis = redis;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a sale and warm it into Redis",
            description = "The sale is ACTIVE from startsAt (default now) to endsAt (default startsAt + 1 h)")
    @APIResponse(responseCode = "201", description = "Created, with its URL in Location")
    @APIResponse(responseCode = "400", description = "invalid-request (names the field) or malformed-json",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "sale-exists", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "payload-too-large", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "unsupported-media-type",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response create(CreateSaleRequest body) {
        if (body == null) {
            throw Problem.of(ProblemType.MALFORMED_JSON, "the body must be a JSON object").exception();
        }
        Sale sale = sales.create(body.validate(Instant.now(), config.sales().defaultDuration()));
        // Committed: the gateways learn that it exists (a failed publish is retried by the sweep).
        directory.created(sale);
        return Response.created(URI.create(PATH + "/" + sale.id)).entity(view(sale)).build();
    }

    @GET
    @Operation(summary = "Every sale, oldest first, with its state in the database and in Redis")
    @APIResponse(responseCode = "200", description = "The sales")
    public List<SaleView> list() {
        return sales.list().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One sale, with its state in the database and in Redis, and the live stock")
    @APIResponse(responseCode = "200", description = "The sale")
    @APIResponse(responseCode = "404", description = "sale-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SaleView get(@PathParam("id") String id) {
        return view(sales.get(id));
    }

    @POST
    @Path("{id}/pause")
    @Operation(summary = "Pause an ACTIVE sale: the gateway refuses its orders")
    @APIResponse(responseCode = "200", description = "The sale, in its new state")
    @APIResponse(responseCode = "404", description = "sale-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "invalid-state-transition (with the current state)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SaleView pause(@PathParam("id") String id) {
        return view(sales.transition(id, SaleTransition.PAUSE));
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Resume a PAUSED sale")
    @APIResponse(responseCode = "200", description = "The sale, in its new state")
    @APIResponse(responseCode = "404", description = "sale-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "invalid-state-transition (with the current state)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SaleView resume(@PathParam("id") String id) {
        return view(sales.transition(id, SaleTransition.RESUME));
    }

    @POST
    @Path("{id}/end")
    @Operation(summary = "End an ACTIVE or PAUSED sale for good")
    @APIResponse(responseCode = "200", description = "The sale, in its new state")
    @APIResponse(responseCode = "404", description = "sale-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "invalid-state-transition (with the current state)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SaleView end(@PathParam("id") String id) {
        return view(sales.transition(id, SaleTransition.END));
    }

    private SaleView view(Sale sale) {
        return SaleView.of(sale, redis.live(sale.id));
    }
}
