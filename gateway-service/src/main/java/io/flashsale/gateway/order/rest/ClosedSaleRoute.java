package io.flashsale.gateway.order.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.flashsale.contract.Ids;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemException;
import io.flashsale.gateway.identity.Callers;
import io.flashsale.gateway.order.service.GatewayMetrics;
import io.flashsale.gateway.order.service.OrderPlacement;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers an order of a sale this gateway knows to be closed (sold out, or past its end) by its path,
 * before the body is read or parsed and before any resource runs: {@code 409} with the sale's answer,
 * built once, or {@code 429} when the buyer's or the address's bucket is empty (docs/design.md, "Closed
 * sales"). Such a sale answers 409 whatever the body says, a malformed one included.
 *
 * <p>The caller is authenticated first: a token the gateway verified before is read from its cache of
 * verified tokens (what the cache's own mechanism would answer); any other goes through the same
 * mechanisms and the same deferred identity the resource would use. A request with no identity, a bad
 * token, or a token that names no usable buyer goes on to {@link OrderResource}, which answers it (401,
 * 403) as always. So does a request with an {@code Idempotency-Key} (a retry gets its first answer, which
 * only Redis knows), and every request of a sale not flagged.
 */
@ApplicationScoped
public class ClosedSaleRoute {

    static final String PATH = "/api/sales/:saleId/orders";
    /**
     * After Quarkus' authentication (-200) and HTTP permission (-100) filters, before the REST routes
     * ({@code RouteConstants.ROUTE_ORDER_DEFAULT}).
     */
    static final int ORDER = -50;

    private final OrderPlacement placement;
    private final Callers callers;
    private final GatewayMetrics metrics;

    public ClosedSaleRoute(OrderPlacement placement, Callers callers, GatewayMetrics metrics) {
        this.placement = placement;
        this.callers = callers;
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.post(PATH).order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext context) {
        String saleId = context.pathParam("saleId");
        if (context.request().getHeader(OrderResource.IDEMPOTENCY_KEY) != null || !Ids.isSaleId(saleId)
                || !placement.isClosed(saleId)) {
            context.next();
            return;
        }
        long started = System.nanoTime();
        // A token verified before: its buyer straight from the cache, as the cache's own mechanism would say.
        String remembered = callers.rememberedBuyer(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (remembered != null) {
            answer(context, saleId, remembered, started);
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(
                identity -> authenticated(context, saleId, identity, started),
                failure -> context.next());
    }

    private void authenticated(RoutingContext context, String saleId, SecurityIdentity identity, long started) {
        if (identity == null || identity.isAnonymous()) {
            context.next();
            return;
        }
        String buyerId;
        try {
            buyerId = callers.of(identity).buyerId();
        } catch (ProblemException noBuyer) {
            context.next();
            return;
        }
        answer(context, saleId, buyerId, started);
    }

    private void answer(RoutingContext context, String saleId, String buyerId, long started) {
        HttpServerRequest request = context.request();
        Problem answer = placement.refuseClosed(saleId, buyerId, OrderResource.address(request));
        if (answer == null) {
            // The flag expired meanwhile: Redis decides.
            context.next();
            return;
        }
        metrics.answered(started, answer.type().status());
        answer.send(context.response());
    }
}
