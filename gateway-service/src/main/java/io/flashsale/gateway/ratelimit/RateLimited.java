package io.flashsale.gateway.ratelimit;

import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;

/**
 * A request refused by a rate limit: which limit ({@link #BUYER} or {@link #ADDRESS}) and how long until
 * the next request would be taken.
 */
public record RateLimited(String limit, long retryAfterMillis) {

    public static final String BUYER = "buyer";
    public static final String ADDRESS = "address";

    /** The 429: its Retry-After the whole seconds until the next token, at least one. */
    public Problem problem() {
        int seconds = (int) Math.max(1, (retryAfterMillis + 999) / 1000);
        return Problem.of(ProblemType.RATE_LIMITED, "too many order requests from this " + limit
                        + "; try again in " + seconds + " s")
                .with("limit", limit)
                .retryAfter(seconds);
    }
}
