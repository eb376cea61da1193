package io.flashsale.order.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.OrderEventCodec;
import io.flashsale.contract.Topics;

/** Order events and records for tests; every test takes sale ids of its own so tests never see each other's rows. */
public final class Orders {

    private Orders() {
    }

    public static String newSaleId(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One unit, as an event from before the per-user limit was carried: never checked against it. */
    public static OrderEvent order(String saleId, String userId, long seq) {
        return event(saleId, userId, seq, 1, null);
    }

    /** One unit of a sale whose per-user limit is {@code perUserLimit}, without the sale's total. */
    public static OrderEvent limited(String saleId, String userId, long seq, int perUserLimit) {
        return event(saleId, userId, seq, 1, perUserLimit);
    }

    public static OrderEvent event(String saleId, String userId, long seq, int quantity, Integer perUserLimit) {
        return event(saleId, userId, seq, quantity, perUserLimit, null);
    }

    /** {@code quantity} units of a sale of {@code saleTotal} units, as the reserve script writes it now. */
    public static OrderEvent ofSale(String saleId, int saleTotal, String userId, long seq, int quantity) {
        return event(saleId, userId, seq, quantity, 1_000, saleTotal);
    }

    public static OrderEvent event(String saleId, String userId, long seq, int quantity, Integer perUserLimit,
            Integer saleTotal) {
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), saleId, userId, quantity, seq,
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toEpochMilli(), null, perUserLimit, saleTotal);
    }

    /** The record the gateway publishes: keyed by user id. */
    public static ProducerRecord<String, String> record(OrderEvent order) {
        return new ProducerRecord<>(Topics.ORDERS_ACCEPTED, order.userId(), OrderEventCodec.encode(order));
    }
}
