package io.flashsale.gateway.redis;

import io.vertx.mutiny.redis.client.Response;

/**
 * The reserve script's answer, read from its Redis reply. {@code figure} is the remaining stock, the
 * limit, or (RATE_LIMITED) the milliseconds until the next token; {@code reason} why a sale is not active,
 * or which bucket was empty.
 */
public record ReserveOutcome(Kind kind, String orderId, String event, long figure, String reason) {

    public enum Kind {
        ACCEPTED, DUPLICATE, NOT_FOUND, RECOVERING, NOT_ACTIVE, LIMIT_REACHED, SOLD_OUT, RATE_LIMITED
    }

    static ReserveOutcome of(Response reply) {
        Kind kind = Kind.valueOf(reply.get(0).toString());
        return switch (kind) {
            case ACCEPTED -> new ReserveOutcome(kind, reply.get(1).toString(), reply.get(2).toString(),
                    reply.get(3).toLong(), null);
            case DUPLICATE -> new ReserveOutcome(kind, reply.get(1).toString(),
                    reply.get(2) == null ? null : reply.get(2).toString(), 0, null);
            case NOT_ACTIVE -> new ReserveOutcome(kind, null, null, 0, reply.get(1).toString());
            case RATE_LIMITED -> new ReserveOutcome(kind, null, null, reply.get(1).toLong(), reply.get(2).toString());
            case LIMIT_REACHED -> new ReserveOutcome(kind, null, null, reply.get(2).toLong(), null);
            case SOLD_OUT -> new ReserveOutcome(kind, null, null, reply.get(1).toLong(), null);
            case NOT_FOUND, RECOVERING -> new ReserveOutcome(kind, null, null, 0, null);
        };
    }
}
