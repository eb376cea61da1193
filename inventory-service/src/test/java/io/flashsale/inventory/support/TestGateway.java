package io.flashsale.inventory.support;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;

/** Reserves units in Redis the way the gateway's reserve script does, for tests that need reservations. */
@ApplicationScoped
public class TestGateway {

    /** A reservation: the event, and its JSON exactly as stored in the reservation log. */
    public record Reserved(OrderEvent event, String json) {
    }

    @Inject
    RedisDataSource redis;

    public Reserved reserve(String saleId, String userId, int quantity, long acceptedAt) {
        redis.value(Long.class).decrby(RedisKeys.stock(saleId), quantity);
        long seq = redis.value(Long.class).incr(RedisKeys.seq(saleId));
        redis.hash(Long.class).hincrby(RedisKeys.buyers(saleId), userId, quantity);
        String limit = redis.hash(String.class).hget(RedisKeys.meta(saleId), RedisKeys.META_PER_USER_LIMIT);
        OrderEvent event = new OrderEvent(OrderEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), saleId, userId,
                quantity, seq, acceptedAt, null, limit == null ? null : Integer.valueOf(limit));
        String json = cjson(event);
        redis.hash(String.class).hset(RedisKeys.reservations(saleId), event.orderId(), json);
        return new Reserved(event, json);
    }

    /** Redis's own clock in epoch ms, the clock acceptedAt is taken from. */
    public long redisTimeMs() {
        var time = redis.execute("TIME");
        return time.get(0).toLong() * 1000 + time.get(1).toLong() / 1000;
    }

    /** As Lua cjson writes it: its own field order, not the one OrderEventCodec would write. */
    private static String cjson(OrderEvent e) {
        return "{\"saleId\":\"" + e.saleId() + "\",\"acceptedAt\":" + e.acceptedAt() + ",\"seq\":" + e.seq()
                + ",\"orderId\":\"" + e.orderId() + "\",\"quantity\":" + e.quantity() + ",\"schemaVersion\":"
                + e.schemaVersion() + ",\"userId\":\"" + e.userId() + "\""
                + (e.perUserLimit() == null ? "" : ",\"perUserLimit\":" + e.perUserLimit()) + "}";
    }
}
