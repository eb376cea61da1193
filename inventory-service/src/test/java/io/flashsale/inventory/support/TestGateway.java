package io.flashsale.inventory.support;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.OrderEventCodec;
import io.flashsale.contract.RedisKeys;
import io.flashsale.platform.redis.LuaScript;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Reserves units in Redis with the gateway's own reserve script (copied into the test class path from
 * gateway-service by the build, as order-service's migrations are), for tests that need reservations:
 * the reservation log holds exactly what the gateway writes.
 */
@ApplicationScoped
public class TestGateway {

    private static final LuaScript RESERVE = LuaScript.fromResource("gateway/lua/reserve.lua");

    /** Moves a reservation's acceptedAt back, rewriting its JSON with the cjson that wrote it. */
    private static final String BACKDATE = """
            local json = redis.call('HGET', KEYS[1], ARGV[1])
            if not json then return false end
            local event = cjson.decode(json)
            event.acceptedAt = event.acceptedAt - tonumber(ARGV[2])
            json = cjson.encode(event)
            redis.call('HSET', KEYS[1], ARGV[1], json)
            return json
            """;

    /** A reservation: the event, and its JSON exactly as stored in the reservation log. */
    public record Reserved(OrderEvent event, String json) {
    }

    @Inject
    RedisDataSource redis;

    /**
     * One order through the reserve script, without rate limits; fails the test unless the script accepts
     * it (a sale not active, over the buyer's limit or sold out is the test's mistake, not a reservation).
     */
    public Reserved reserve(String saleId, String userId, int quantity) {
        String orderId = UUID.randomUUID().toString();
        Response answer = RESERVE.run(redis, Arrays.asList(RedisKeys.reserve(saleId, userId, "test")),
                List.of(orderId, userId, Integer.toString(quantity), "", saleId, "0", "0", "0", "0"));
        if (!"ACCEPTED".equals(answer.get(0).toString())) {
            throw new IllegalStateException("the reserve script refused " + userId + "'s " + quantity + " of " + saleId
                    + ": " + answer);
        }
        String json = answer.get(2).toString();
        return new Reserved(OrderEventCodec.decode(json), json);
    }

    /**
     * The reservation as if accepted {@code millis} earlier (a reservation older than a grace period,
     * without waiting for it); its stock, seq and buyer's count stay as the script left them.
     */
    public Reserved backdate(Reserved reserved, long millis) {
        Response json = redis.execute("EVAL", BACKDATE, "1", RedisKeys.reservations(reserved.event().saleId()),
                reserved.event().orderId(), Long.toString(millis));
        if (json == null) {
            throw new IllegalStateException("no reservation " + reserved.event().orderId() + " to back-date");
        }
        return new Reserved(OrderEventCodec.decode(json.toString()), json.toString());
    }
}
