package io.flashsale.contract;

/**
 * The Redis keyspace of a sale. Every key of sale S carries the hash tag {@code {S}}, so that one
 * script only ever touches one Redis Cluster slot.
 */
public final class RedisKeys {

    /** Set of the ids of every sale warmed into Redis. Read by the gateway to find pending orders. */
    public static final String SALES = "fs:sales";

    /** Fields of the {@link #meta} hash. */
    public static final String META_TOTAL = "total";
    public static final String META_PER_USER_LIMIT = "perUserLimit";
    public static final String META_STARTS_AT = "startsAt";
    public static final String META_ENDS_AT = "endsAt";
    public static final String META_STATE = "state";

    private RedisKeys() {
    }

    /** Hash: total, perUserLimit, startsAt, endsAt (epoch millis), state. */
    public static String meta(String saleId) {
        return key(saleId, "meta");
    }

    /** String: units still available. */
    public static String stock(String saleId) {
        return key(saleId, "stock");
    }

    /** String: reservation sequence, +1 per accepted order. */
    public static String seq(String saleId) {
        return key(saleId, "seq");
    }

    /** Hash: userId → units reserved. */
    public static String buyers(String saleId) {
        return key(saleId, "buyers");
    }

    /** Hash: orderId → the order event as published (the recovery log). */
    public static String reservations(String saleId) {
        return key(saleId, "resv");
    }

    /** Hash: {@code userId:idempotencyKey} → orderId (a key is scoped per buyer). */
    public static String idempotency(String saleId) {
        return key(saleId, "idem");
    }

    /** String: the token bucket of one buyer's order requests in a sale ("tokens:lastMillis"; expires once full). */
    public static String buyerBucket(String saleId, String buyerId) {
        return key(saleId, "rl:b:" + buyerId);
    }

    /** String: the token bucket of one client address's order requests in a sale. */
    public static String addressBucket(String saleId, String address) {
        return key(saleId, "rl:a:" + address);
    }

    /** The keys of the reserve script: the sale's, then the buyer's and the address's buckets. */
    public static String[] reserve(String saleId, String buyerId, String address) {
        String[] sale = all(saleId);
        String[] keys = java.util.Arrays.copyOf(sale, sale.length + 2);
        keys[sale.length] = buyerBucket(saleId, buyerId);
        keys[sale.length + 1] = addressBucket(saleId, address);
        return keys;
    }

    /** All keys of a sale, in the order the scripts of this project take them. */
    public static String[] all(String saleId) {
        return new String[] {meta(saleId), stock(saleId), seq(saleId), buyers(saleId), reservations(saleId),
                idempotency(saleId)};
    }

    private static String key(String saleId, String suffix) {
        return "fs:{" + saleId + "}:" + suffix;
    }
}
