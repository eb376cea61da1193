package io.flashsale.order.persistence;

import static io.flashsale.order.support.Orders.newSaleId;
import static io.flashsale.order.support.Orders.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEvent;
import io.flashsale.order.support.OrderTable;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OrderWriterTest {

    @Inject
    OrderWriter writer;

    @Inject
    OrderTable table;

    @Test
    void anOrderTwiceInOneBatchIsOneRow() throws SQLException {
        String sale = newSaleId("writer");
        OrderEvent order = order(sale, "u-1", 1);

        WriteOutcome outcome = writer.write(List.of(order, order, order(sale, "u-2", 2)));

        assertEquals(2, outcome.persisted());
        assertEquals(1, outcome.duplicates());
        assertEquals(1, table.countByOrderId(order.orderId()));
    }

    @Test
    void anOrderAlreadyPersistedIsNotCountedAsInserted() throws SQLException {
        String sale = newSaleId("writer");
        OrderEvent order = order(sale, "u-1", 1);
        writer.write(List.of(order));

        WriteOutcome outcome = writer.write(List.of(order));

        assertEquals(0, outcome.persisted());
        assertEquals(1, outcome.duplicates());
        assertEquals(1, table.countBySale(sale));
    }
}
