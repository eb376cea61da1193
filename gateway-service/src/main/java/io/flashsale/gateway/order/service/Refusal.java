package io.flashsale.gateway.order.service;

import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.gateway.ratelimit.RateLimited;
import io.flashsale.gateway.redis.ReserveOutcome;

/** What the client is told, and how it is counted, when the reserve script refuses an order. */
record Refusal(OrderOutcome outcome, Problem problem) {

    /**
     * @throws IllegalArgumentException for ACCEPTED and DUPLICATE, which are not refusals, and NOT_FOUND, which
     *     the sales' directory answers ({@code ForgottenSales})
     */
    static Refusal of(String saleId, ReserveOutcome reserved) {
        return switch (reserved.kind()) {
            case RATE_LIMITED -> new Refusal(OrderOutcome.RATE_LIMITED,
                    new RateLimited(reserved.reason(), reserved.figure()).problem());
            case RECOVERING -> new Refusal(OrderOutcome.RECOVERING, Problem.of(ProblemType.SALE_RECOVERING,
                    "sale " + saleId + " is being rebuilt from the database"));
            case NOT_ACTIVE -> new Refusal(OrderOutcome.NOT_ACTIVE, Problem.of(ProblemType.SALE_NOT_ACTIVE,
                    "sale " + saleId + " is not taking orders: " + reserved.reason()).with("reason", reserved.reason()));
            case LIMIT_REACHED -> new Refusal(OrderOutcome.LIMIT_REACHED, Problem.of(ProblemType.LIMIT_REACHED,
                    "at most " + reserved.figure() + " unit(s) per user in sale " + saleId).with("limit", reserved.figure()));
            case SOLD_OUT -> new Refusal(OrderOutcome.SOLD_OUT, Problem.of(ProblemType.SOLD_OUT,
                    reserved.figure() == 0 ? "no units left in sale " + saleId
                            : "only " + reserved.figure() + " unit(s) left in sale " + saleId));
            case ACCEPTED, DUPLICATE, NOT_FOUND -> throw new IllegalArgumentException(reserved.kind()
                    + " is not a refusal the script's answer decides");
        };
    }
}
