package io.flashsale.gateway.redis;

import io.vertx.mutiny.redis.client.Response;

/**
 * The reserve script's answer, read from its Redis reply. {@code figure} is the remaining stock, the
 * limit, or (RATE_LIMITED) the milliseconds until the next token; {@code reason} why a sale is not active,
 * or which bucket was empty. {@code replicas} is how many replicas confirmed the script's writes, or
 * {@link #NOT_ASKED} when the gateway does not wait for them ({@code flashsale.redis-replica-acks} 0).
 */
public record ReserveOutcome(Kind kind, String orderId, String event, long figure, String reason, int replicas) {

    public static final int NOT_ASKED = -1;

    public enum Kind {
        ACCEPTED, DUPLICATE, NOT_FOUND, RECOVERING, NOT_ACTIVE, LIMIT_REACHED, SOLD_OUT, RATE_LIMITED
    }

    static ReserveOutcome of(Response reply) {
        return of(reply, NOT_ASKED);
    }

    static ReserveOutcome of(Response reply, int replicas) {
        Kind kind = Kind.valueOf(reply.get(0).toString());
        return switch (kind) {
            case ACCEPTED -> new ReserveOutcome(kind, reply.get(1).toString(), reply.get(2).toString(),
                    reply.get(3).toLong(), null, replicas);
            case DUPLICATE -> new ReserveOutcome(kind, reply.get(1).toString(),
                    reply.get(2) == null ? null : reply.get(2).toString(), 0, null, replicas);
            case NOT_ACTIVE -> new ReserveOutcome(kind, null, null, 0, reply.get(1).toString(), replicas);
            case RATE_LIMITED -> new ReserveOutcome(kind, null, null, reply.get(1).toLong(), reply.get(2).toString(),
                    replicas);
            case LIMIT_REACHED -> new ReserveOutcome(kind, null, null, reply.get(2).toLong(), null, replicas);
            case SOLD_OUT -> new ReserveOutcome(kind, null, null, reply.get(1).toLong(), null, replicas);
            case NOT_FOUND, RECOVERING -> new ReserveOutcome(kind, null, null, 0, null, replicas);
        };
    }
}
