package io.flashsale.inventory.redis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.flashsale.contract.Ids;
import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.OrderEventCodec;

/**
 * One entry of a sale's reservation log.
 *
 * @param field      the hash field, the order id as the gateway wrote it
 * @param orderId    that id as a UUID, null when it is not one
 * @param json       the order event exactly as published; re-published unchanged
 * @param event      the decoded event, null when {@code json} is not a valid event
 * @param unreadable why the entry could not be decoded, null when it could
 */
public record Reservation(String field, UUID orderId, String json, OrderEvent event, String unreadable) {

    public static List<Reservation> parseAll(Map<String, String> log) {
        return log.entrySet().stream().map(e -> parse(e.getKey(), e.getValue())).toList();
    }

    public static Reservation parse(String field, String json) {
        UUID orderId = Ids.parseOrderId(field).orElse(null);
        try {
            return new Reservation(field, orderId, json, OrderEventCodec.decode(json), null);
        } catch (OrderEventCodec.InvalidEventException e) {
            return new Reservation(field, orderId, json, null, e.getMessage());
        }
    }

    public static List<UUID> orderIds(List<Reservation> log) {
        return log.stream().map(Reservation::orderId).filter(Objects::nonNull).toList();
    }

    public boolean readable() {
        return event != null;
    }

    public long units() {
        return readable() ? event.quantity() : 0;
    }
}
