package io.flashsale.order.persistence;

import static io.flashsale.order.support.Orders.newSaleId;
import static io.flashsale.order.support.Orders.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

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

    @Test
    void everyColumnReadsBackAsTheEventHadIt() throws SQLException {
        String sale = newSaleId("writer");
        // User ids and keys may hold any printable character: a backslash (alone, or as "\N", which the
        // text format of COPY reads as NULL unless escaped), letters beyond ASCII.
        OrderEvent escaped = new OrderEvent(OrderEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sale, "\\N", 2,
                7, 1_764_806_400_123L, "key\\with\\backslashes-é", 3, 100);
        // An event from before limits and keys: both NULL; an instant on a whole second.
        OrderEvent bare = new OrderEvent(OrderEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sale, "ü-😀", 1, 8,
                1_764_806_401_000L, null, null, null);

        WriteOutcome outcome = writer.write(List.of(escaped, bare));

        assertEquals(2, outcome.persisted());
        assertEquals(sale + "|\\N|2|7|1764806400123|key\\with\\backslashes-é|3", table.row(escaped.orderId()));
        assertEquals(sale + "|ü-😀|1|8|1764806401000|null|null", table.row(bare.orderId()));
        assertEquals(3, table.countedUnits(sale));
    }
}
