package io.flashsale.gateway.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What reserve.lua and release.lua should do to one active sale, in memory: the oracle of
 * {@link ScriptPropertiesTest}.
 */
final class ScriptModel {

    record Reservation(String orderId, String userId, int quantity, String key, long seq) {
    }

    final int total;
    final int limit;
    int stock;
    long seq;
    final Map<String, Integer> units = new HashMap<>();
    final Map<String, Reservation> live = new LinkedHashMap<>();
    final Map<String, String> idempotency = new HashMap<>();
    /** Every order ever accepted, released ones included, in order. */
    final List<Reservation> accepted = new ArrayList<>();

    ScriptModel(int total, int limit) {
        this.total = total;
        this.limit = limit;
        this.stock = total;
    }

    /** The reply reserve.lua must give, without the event JSON (checked on its own). */
    List<String> reserve(String orderId, String userId, int quantity, String key) {
        if (!key.isEmpty()) {
            String earlier = idempotency.get(userId + ":" + key);
            if (earlier != null) {
                return List.of("DUPLICATE", earlier);
            }
        }
        int held = units.getOrDefault(userId, 0);
        if (held + quantity > limit) {
            return List.of("LIMIT_REACHED", Integer.toString(held), Integer.toString(limit));
        }
        if (stock < quantity) {
            return List.of("SOLD_OUT", Integer.toString(stock));
        }
        stock -= quantity;
        seq++;
        units.merge(userId, quantity, Integer::sum);
        Reservation reservation = new Reservation(orderId, userId, quantity, key, seq);
        live.put(orderId, reservation);
        accepted.add(reservation);
        if (!key.isEmpty()) {
            idempotency.put(userId + ":" + key, orderId);
        }
        return List.of("ACCEPTED", orderId, Integer.toString(stock));
    }

    /** @return what release.lua must answer: 1 when the reservation was live, else 0 */
    long release(Reservation r) {
        if (live.remove(r.orderId()) == null) {
            return 0;
        }
        stock += r.quantity();
        if (units.merge(r.userId(), -r.quantity(), Integer::sum) <= 0) {
            units.remove(r.userId());
        }
        if (!r.key().isEmpty()) {
            idempotency.remove(r.userId() + ":" + r.key());
        }
        return 1;
    }
}
