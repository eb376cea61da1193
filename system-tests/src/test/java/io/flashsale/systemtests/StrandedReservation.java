package io.flashsale.systemtests;

import java.io.IOException;

import io.flashsale.contract.RedisKeys;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.stack.RespConnection;

/** What a gateway killed between reserve and publish leaves in Redis: a reservation no record carries. */
final class StrandedReservation {

    private static final String STRAND = "redis.call('DECRBY', KEYS[2], 1) "
            + "local seq = redis.call('INCR', KEYS[3]) "
            + "redis.call('HINCRBY', KEYS[4], ARGV[4], 1) "
            + "redis.call('HSET', KEYS[5], ARGV[1], cjson.encode({schemaVersion=1, orderId=ARGV[1], saleId=ARGV[2], "
            + "userId=ARGV[4], quantity=1, seq=seq, acceptedAt=tonumber(ARGV[3])})) return seq";

    private StrandedReservation() {
    }

    /**
     * Reserves one unit for {@code userId} as the reserve script would, on the Redis that holds the sale (on a
     * cluster, the master of its slot), and returns Redis' reply (the seq).
     */
    static Object leave(EmbeddedStack stack, String saleId, String orderId, String userId, long acceptedAtMillis)
            throws IOException {
        String[] keys = RedisKeys.all(saleId);
        return RespConnection.once(stack.redisFor(keys[0]).port(), "EVAL", STRAND, "6", keys[0], keys[1], keys[2], keys[3], keys[4], keys[5],
                orderId, saleId, Long.toString(acceptedAtMillis), userId);
    }
}
