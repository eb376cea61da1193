package io.flashsale.gateway.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.flashsale.contract.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;

/** Sales warmed straight into Redis, as inventory-service does, for the gateway's tests. */
public final class TestSales {

    private TestSales() {
    }

    public static String newId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String open(RedisDataSource redis, int total, int perUserLimit) {
        return warm(redis, newId(), total, perUserLimit, Instant.now().minus(Duration.ofMinutes(1)),
                Instant.now().plus(Duration.ofHours(1)));
    }

    public static String warm(RedisDataSource redis, String saleId, int total, int perUserLimit, Instant startsAt,
            Instant endsAt) {
        redis.hash(String.class).hset(RedisKeys.meta(saleId), Map.of(
                RedisKeys.META_TOTAL, Integer.toString(total),
                RedisKeys.META_PER_USER_LIMIT, Integer.toString(perUserLimit),
                RedisKeys.META_STARTS_AT, Long.toString(startsAt.toEpochMilli()),
                RedisKeys.META_ENDS_AT, Long.toString(endsAt.toEpochMilli()),
                RedisKeys.META_STATE, "ACTIVE"));
        redis.value(String.class).set(RedisKeys.stock(saleId), Integer.toString(total));
        redis.value(String.class).set(RedisKeys.seq(saleId), "0");
        redis.set(String.class).sadd(RedisKeys.SALES, saleId);
        return saleId;
    }

    /**
     * Every key but the rate-limit buckets of sales other than {@code saleId}: those expire on their own
     * once full again, so other tests' buckets come and go while a test compares before and after.
     */
    public static java.util.Set<String> lastingKeys(RedisDataSource redis, String saleId) {
        return redis.key().keys("*").stream()
                .filter(k -> !k.contains(":rl:") || k.startsWith("fs:{" + saleId + "}:"))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    public static long stock(RedisDataSource redis, String saleId) {
        return Long.parseLong(redis.value(String.class).get(RedisKeys.stock(saleId)));
    }

    public static long seq(RedisDataSource redis, String saleId) {
        return Long.parseLong(redis.value(String.class).get(RedisKeys.seq(saleId)));
    }

    public static Map<String, String> reservations(RedisDataSource redis, String saleId) {
        return redis.hash(String.class).hgetall(RedisKeys.reservations(saleId));
    }

    public static Map<String, String> buyers(RedisDataSource redis, String saleId) {
        return redis.hash(String.class).hgetall(RedisKeys.buyers(saleId));
    }

    /**
     * All a sale holds in Redis, as text: its lasting keys, stock, seq, reservations and buyers' counts. Equal
     * before and after a request when the request changed nothing.
     */
    public static List<String> snapshot(RedisDataSource redis, String saleId) {
        return List.of(
                String.valueOf(lastingKeys(redis, saleId)),
                String.valueOf(redis.value(String.class).get(RedisKeys.stock(saleId))),
                String.valueOf(redis.value(String.class).get(RedisKeys.seq(saleId))),
                String.valueOf(reservations(redis, saleId)),
                String.valueOf(buyers(redis, saleId)));
    }
}
