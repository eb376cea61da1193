package io.flashsale.order.consumer;

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
import io.flashsale.order.support.TestKafka;
import io.flashsale.stack.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "pieces", value = "kafka,postgres"))
class OrderConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    OrderTable table;

    TestKafka kafka;

    @BeforeEach
    void connect() {
        kafka = new TestKafka(bootstrapServers);
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
        kafka.send(record(order), record(order), record(later));

        await().atMost(Duration.ofSeconds(30)).until(() -> table.countBySale(sale) == 2);
        assertEquals(1, countOf(order));
    }

    @Test
    void fiveHundredDistinctOrdersAreFiveHundredRows() {
        String sale = newSaleId("five-hundred");
        List<ProducerRecord<String, String>> records = IntStream.rangeClosed(1, 500)
                .mapToObj(i -> record(order(sale, "u-" + i, i)))
                .toList();
        kafka.send(records);

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
