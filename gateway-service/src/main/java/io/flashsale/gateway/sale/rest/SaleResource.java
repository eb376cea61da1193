package io.flashsale.gateway.sale.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.flashsale.contract.Ids;
import io.flashsale.contract.LogFields;
import io.flashsale.contract.RedisKeys;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.gateway.redis.StockStore;
import io.flashsale.gateway.sale.service.ForgottenSales;
import io.smallrye.mutiny.Uni;

/** The public view of a sale, read from Redis: anyone may read it, with or without a token. */
@Path("/api/sales")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sales")
public class SaleResource {

    private static final Logger LOG = Logger.getLogger(SaleResource.class);

    private final StockStore stock;
    private final ForgottenSales forgotten;

    public SaleResource(StockStore stock, ForgottenSales forgotten) {
        this.stock = stock;
        this.forgotten = forgotten;
    }

    @GET
    @Path("/{saleId}")
    @Operation(summary = "State, window and remaining stock of a sale")
    @APIResponse(responseCode = "200", description = "The sale as the gateway sees it in Redis")
    @APIResponse(responseCode = "400", description = "invalid-request: not a sale id",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "sale-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "With Retry-After: sale-recovering (Redis has lost the sale, which "
            + "is being rebuilt), or dependency-unavailable (redis; kafka while the sales' directory is not read yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Map<String, Object>> sale(@PathParam("saleId") String saleId) {
        if (!Ids.isSaleId(saleId)) {
            throw Problem.invalid("saleId", "saleId must match " + Ids.SALE_ID.pattern()).exception();
        }
        return stock.sale(saleId)
                .onFailure().transform(e -> {
                    // The cause (refused, timed out, a cluster error) is for ops; the client gets 503.
                    try (LogFields.Scope fields = LogFields.sale(saleId)) {
                        LOG.warnf("sale %s: could not read it from Redis: %s", saleId, e.toString());
                    }
                    return Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE, "the stock store is unavailable")
                            .with("dependency", "redis").exception();
                })
                .chain(keys -> keys.meta().isEmpty()
                        ? forgotten.answer(saleId).map(answer -> {
                            throw answer.problem().exception();
                        })
                        : Uni.createFrom().item(view(saleId, keys.meta(), keys.stock())));
    }

    private static Map<String, Object> view(String saleId, Map<String, String> meta, String stock) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("saleId", saleId);
        view.put("state", meta.get(RedisKeys.META_STATE));
        view.put("startsAt", instant(meta.get(RedisKeys.META_STARTS_AT)));
        view.put("endsAt", instant(meta.get(RedisKeys.META_ENDS_AT)));
        view.put("total", Long.parseLong(meta.get(RedisKeys.META_TOTAL)));
        view.put("perUserLimit", Long.parseLong(meta.get(RedisKeys.META_PER_USER_LIMIT)));
        view.put("remaining", stock == null ? 0 : Long.parseLong(stock));
        return view;
    }

    private static String instant(String epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(Long.parseLong(epochMillis)).toString();
    }
}
