package io.flashsale.inventory.redis;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.flashsale.contract.RedisKeys;
import io.flashsale.contract.SaleState;

/** What the gateway reads from a sale's {@code meta} hash. */
public record SaleMeta(String saleId, int total, int perUserLimit, Instant startsAt, Instant endsAt, SaleState state) {

    /** The hash fields; times as epoch milliseconds in decimal, as the reserve script compares them. */
    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(RedisKeys.META_TOTAL, Integer.toString(total));
        fields.put(RedisKeys.META_PER_USER_LIMIT, Integer.toString(perUserLimit));
        fields.put(RedisKeys.META_STARTS_AT, Long.toString(startsAt.toEpochMilli()));
        fields.put(RedisKeys.META_ENDS_AT, Long.toString(endsAt.toEpochMilli()));
        fields.put(RedisKeys.META_STATE, state.name());
        return fields;
    }
}
