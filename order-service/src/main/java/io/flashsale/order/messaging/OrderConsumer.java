package io.flashsale.order.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.flashsale.order.service.OrderBatchService;

/**
 * Receives accepted orders in batches. The connector acknowledges a batch only when this method
 * returns, and commits an offset only once every record before it is acknowledged: so a batch's
 * offsets are committed after its transaction, and a batch that throws is never committed.
 */
@ApplicationScoped
public class OrderConsumer {

    private final OrderBatchService batches;

    OrderConsumer(OrderBatchService batches) {
        this.batches = batches;
    }

    // Ordered (the default): one batch at a time, so the connector pauses the partitions while a
    // batch waits for the database.
    @Incoming(OrderChannels.ORDERS)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.handle(records);
    }
}
