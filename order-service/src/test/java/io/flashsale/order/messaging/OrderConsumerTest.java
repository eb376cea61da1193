package io.flashsale.order.messaging;

import static io.flashsale.order.support.Orders.newSaleId;
import static io.flashsale.order.support.Orders.order;
import static io.flashsale.order.support.Orders.record;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEvent;
import io.flashsale.order.support.WithKafka;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OrderConsumerTest extends WithKafka {

    @Test
    void aRecordDeliveredTwiceIsPersistedOnce() {
        String sale = newSaleId("twice");
        OrderEvent order = order(sale, "u-twice", 1);
        // Same key, so same partition: once the later order is persisted, both copies were consumed.
        OrderEvent later = order(sale, "u-twice", 2);
        kafka.produceStrings().fromRecords(record(order), record(order), record(later)).awaitCompletion();

        await().atMost(Duration.ofSeconds(30)).until(() -> table.countBySale(sale) == 2);
        assertEquals(1, countOf(order));
    }

    @Test
    void fiveHundredDistinctOrdersAreFiveHundredRows() {
        String sale = newSaleId("five-hundred");
        List<ProducerRecord<String, String>> records = IntStream.rangeClosed(1, 500)
                .mapToObj(i -> record(order(sale, "u-" + i, i)))
                .toList();
        kafka.produceStrings().fromRecords(records).awaitCompletion();

        await().atMost(Duration.ofSeconds(30)).until(() -> table.countBySale(sale) == 500);
    }

    private long countOf(OrderEvent order) {
        try {
            return table.countByOrderId(order.orderId());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
