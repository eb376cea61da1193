package io.flashsale.order.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import io.flashsale.contract.Ids;
import io.flashsale.contract.LogFields;
import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.OrderEventCodec;
import io.flashsale.contract.OrderEventCodec.InvalidEventException;
import io.flashsale.order.persistence.OrderWriter;
import io.flashsale.order.persistence.WriteOutcome;
import io.flashsale.order.persistence.WriteOutcome.Rejection;
import io.micrometer.core.instrument.Timer;

/**
 * Handles one consumed batch: dead-letters the records that are not order events, then persists
 * the rest in one transaction. It returns only once both are done, however long the database is
 * away; its caller's return is what lets the batch's offsets be committed.
 */
@ApplicationScoped
public class OrderBatchService {

    private static final Logger LOG = Logger.getLogger(OrderBatchService.class);

    private final OrderWriter writer;
    private final DeadLetters deadLetters;
    private final Retrier retrier;
    private final OrderMetrics metrics;

    OrderBatchService(OrderWriter writer, DeadLetters deadLetters, Retrier retrier, OrderMetrics metrics) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.retrier = retrier;
        this.metrics = metrics;
    }

    public void handle(ConsumerRecords<String, String> records) {
        Timer.Sample sample = metrics.batchStarted(records.count());
        try {
            List<OrderEvent> orders = new ArrayList<>(records.count());
            List<DeadLetter> refused = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                try {
                    orders.add(decode(record.value()));
                } catch (InvalidEventException e) {
                    refused.add(DeadLetter.of(record, e.getMessage()));
                }
            }
            deadLetter(refused);
            persist(orders);
        } finally {
            metrics.batchEnded(sample);
        }
    }

    private static OrderEvent decode(String value) {
        OrderEvent event = OrderEventCodec.decode(value);
        // The codec takes any string here; one PostgreSQL cannot store (a NUL) would be retried
        // forever and stall its partition, so it is refused like any other malformed event.
        if (event.idempotencyKey() != null && !Ids.isIdempotencyKey(event.idempotencyKey())) {
            throw new InvalidEventException("idempotencyKey is not a valid idempotency key");
        }
        return event;
    }

    private void deadLetter(List<DeadLetter> refused) {
        if (refused.isEmpty()) {
            return;
        }
        retrier.untilSuccess(Step.DEAD_LETTER, refused.size(), () -> {
            deadLetters.publish(refused);
            return null;
        });
        metrics.deadLettered(refused.size());
        for (DeadLetter letter : refused) {
            LOG.warnf("dead-lettered record %s (key %s): %s", letter.source(), letter.key(), letter.reason());
        }
    }

    private void persist(List<OrderEvent> orders) {
        if (orders.isEmpty()) {
            return;
        }
        WriteOutcome outcome = retrier.untilSuccess(Step.PERSIST, orders.size(), () -> writer.write(orders));
        metrics.written(outcome);
        // After the commit, so that a retried batch logs each rejection once.
        for (Rejection rejection : outcome.rejected()) {
            OrderEvent order = rejection.order();
            try (LogFields.Scope fields = LogFields.order(order.saleId(), order.orderId())) {
                LOG.warnf("rejected order %s of sale %s by user %s: %s (quantity %d, limit %d, sale total %d); "
                        + "reconciliation settles its reservation in Redis", order.orderId(), order.saleId(),
                        order.userId(), rejection.reason().code(), order.quantity(), order.perUserLimit(),
                        order.saleTotal());
            }
        }
        LOG.debugf("wrote a batch of %d orders: %d persisted, %d rejected, %d already there", orders.size(),
                outcome.persisted(), outcome.rejected().size(), outcome.duplicates());
    }
}
