package io.flashsale.gateway.sale.service;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.gateway.config.GatewayConfig;

/**
 * Short-lived local flags of the sales this gateway saw closed: sold out, or past their end. While a
 * flag lives, orders of the sale are answered without a Redis round trip, with the answer Redis gave,
 * built once. A flag expires by itself ({@code flashsale.orders.sold-out-flag-ttl}), so stock that comes
 * back (a released reservation, a rebuild) is seen again within one time-to-live. A paused sale is not
 * flagged: it may resume at any moment.
 */
@ApplicationScoped
public class ClosedSales {

    /** Why a sale is closed, as the client is told it. */
    public record Closed(Problem answer, long expiresAtNanos) {

        public boolean soldOut() {
            return answer.type() == ProblemType.SOLD_OUT;
        }
    }

    private final ConcurrentHashMap<String, Closed> flags = new ConcurrentHashMap<>();
    private final long ttlNanos;

    public ClosedSales(GatewayConfig config) {
        this.ttlNanos = config.orders().soldOutFlagTtl().toNanos();
    }

    public void markSoldOut(String saleId) {
        mark(saleId, Problem.of(ProblemType.SOLD_OUT, "no units left in sale " + saleId));
    }

    /** The sale's end has passed: {@code answer} is the sale-not-active problem the reserve script's answer made. */
    public void markEnded(String saleId, Problem answer) {
        mark(saleId, answer);
    }

    private void mark(String saleId, Problem answer) {
        long expiry = System.nanoTime() + ttlNanos;
        // Keep the answer already built while the sale stays closed the same way: its bytes are made once.
        flags.compute(saleId, (id, was) -> new Closed(was != null && was.answer().type() == answer.type()
                ? was.answer() : answer, expiry));
    }

    /** Stock came back (a released reservation): ask Redis again. */
    public void clear(String saleId) {
        flags.remove(saleId);
    }

    /** The sale's flag, or null when this gateway must ask Redis. */
    public Closed closed(String saleId) {
        Closed closed = flags.get(saleId);
        if (closed == null) {
            return null;
        }
        if (System.nanoTime() - closed.expiresAtNanos() < 0) {
            return closed;
        }
        flags.remove(saleId, closed);
        return null;
    }
}
