package io.flashsale.inventory.sale.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.redis.SaleRedis;
import io.flashsale.inventory.sale.entity.Sale;
import io.flashsale.inventory.sale.service.SaleService;
import io.flashsale.inventory.sale.service.SaleTransition;

/** The sales admin API. */
@Path(SaleResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class SaleResource {

    static final String PATH = "/api/admin/sales";

    private final SaleService sales;
    private final SaleRedis redis;
    private final InventoryConfig config;

    public SaleResource(SaleService sales, SaleRedis redis, InventoryConfig config) {
        this.sales = sales;
        this.redis = redis;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateSaleRequest body) {
        if (body == null) {
            throw Problem.of(ProblemType.MALFORMED_JSON, "the body must be a JSON object").exception();
        }
        Sale sale = sales.create(body.validate(Instant.now(), config.sales().defaultDuration()));
        return Response.created(URI.create(PATH + "/" + sale.id)).entity(view(sale)).build();
    }

    @GET
    public List<SaleView> list() {
        return sales.list().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public SaleView get(@PathParam("id") String id) {
        return view(sales.get(id));
    }

    @POST
    @Path("{id}/pause")
    public SaleView pause(@PathParam("id") String id) {
        return view(sales.transition(id, SaleTransition.PAUSE));
    }

    @POST
    @Path("{id}/resume")
    public SaleView resume(@PathParam("id") String id) {
        return view(sales.transition(id, SaleTransition.RESUME));
    }

    @POST
    @Path("{id}/end")
    public SaleView end(@PathParam("id") String id) {
        return view(sales.transition(id, SaleTransition.END));
    }

    private SaleView view(Sale sale) {
        return SaleView.of(sale, redis.live(sale.id));
    }
}
