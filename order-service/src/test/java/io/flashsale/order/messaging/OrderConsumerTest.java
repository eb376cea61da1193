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

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEvent;
import io.flashsale.order.support.OrderTable;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
class OrderConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    OrderTable table;

    KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

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
