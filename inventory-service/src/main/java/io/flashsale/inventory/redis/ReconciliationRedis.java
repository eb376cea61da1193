package io.flashsale.inventory.redis;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.contract.RedisKeys;
import io.flashsale.platform.redis.LuaScript;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Response;

/**
 * The reconciliation side of a sale's Redis keys: the snapshot, pruning, giving back refused
 * reservations, and a rebuild's writes.
 */
@ApplicationScoped
public class ReconciliationRedis {

    private static final LuaScript SNAPSHOT = LuaScript.fromResource("lua/snapshot.lua");
    private static final LuaScript RETURN_REJECTED = LuaScript.fromResource("lua/return_rejected.lua");
    /** Fields per HDEL / HSET, so that a huge sale never makes one huge command. */
    private static final int CHUNK = 1_000;

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final ValueCommands<String, String> values;
    private final KeyCommands<String> keys;

    public ReconciliationRedis(RedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.values = redis.value(String.class);
        this.keys = redis.key(String.class);
    }

    public SaleSnapshot snapshot(String saleId) {
        Response r = SNAPSHOT.run(redis,
                List.of(RedisKeys.meta(saleId), RedisKeys.stock(saleId), RedisKeys.seq(saleId),
                        RedisKeys.reservations(saleId)),
                List.of(RedisKeys.META_STATE));
        Map<String, String> reservations = new LinkedHashMap<>();
        Response log = r.get(4);
        for (int i = 0; i + 1 < log.size(); i += 2) {
            reservations.put(log.get(i).toString(), log.get(i + 1).toString());
        }
        return new SaleSnapshot(r.get(0).toInteger() == 1, text(r.get(1)), number(r.get(2)), number(r.get(3)),
                reservations, r.get(5).toLong());
    }

    /** Removes these orders from the reservation log; returns how many were there. */
    public int prune(String saleId, List<String> orderIds) {
        int removed = 0;
        for (int from = 0; from < orderIds.size(); from += CHUNK) {
            List<String> chunk = orderIds.subList(from, Math.min(orderIds.size(), from + CHUNK));
            removed += hashes.hdel(RedisKeys.reservations(saleId), chunk.toArray(String[]::new));
        }
        return removed;
    }

    /**
     * Gives a refused reservation's units back to stock, atomically and only if the reservation is
     * still in the log. The buyer keeps counting them: the database already holds that user's units.
     *
     * @return whether the units were given back; false when the reservation was already gone
     */
    public boolean returnRejected(String saleId, String orderId, int units) {
        Response returned = RETURN_REJECTED.run(redis,
                List.of(RedisKeys.reservations(saleId), RedisKeys.stock(saleId)),
                List.of(orderId, Integer.toString(units)));
        return returned.toInteger() == 1;
    }

    /**
     * Replaces a paused sale's counters with figures from the database: the reservation log is cleared,
     * because every order it named is now in the database; the idempotency keys are rewritten from the
     * persisted orders, so that a retry with its key still gets the first answer.
     *
     * @param unitsByUser  user id → units persisted
     * @param idempotency  {@code userId:idempotencyKey} (the gateway's field) → order id
     */
    public void restoreCounters(String saleId, long stock, long seq, Map<String, Long> unitsByUser,
            Map<String, String> idempotency) {
        keys.del(RedisKeys.buyers(saleId), RedisKeys.reservations(saleId), RedisKeys.idempotency(saleId));
        values.set(RedisKeys.stock(saleId), Long.toString(stock));
        values.set(RedisKeys.seq(saleId), Long.toString(seq));
        Map<String, String> buyers = new HashMap<>();
        unitsByUser.forEach((user, units) -> buyers.put(user, units.toString()));
        hsetChunked(RedisKeys.buyers(saleId), buyers);
        hsetChunked(RedisKeys.idempotency(saleId), idempotency);
    }

    private void hsetChunked(String key, Map<String, String> fields) {
        Map<String, String> chunk = new HashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            chunk.put(field.getKey(), field.getValue());
            if (chunk.size() == CHUNK) {
                hashes.hset(key, chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            hashes.hset(key, chunk);
        }
    }

    private static String text(Response r) {
        return r == null ? null : r.toString();
    }

    private static Long number(Response r) {
        return r == null ? null : Long.valueOf(r.toString());
    }
}
