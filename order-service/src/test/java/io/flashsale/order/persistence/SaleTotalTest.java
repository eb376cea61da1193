package io.flashsale.order.persistence;

import static io.flashsale.order.support.Orders.event;
import static io.flashsale.order.support.Orders.limited;
import static io.flashsale.order.support.Orders.newSaleId;
import static io.flashsale.order.support.Orders.ofSale;
import static io.flashsale.order.support.Orders.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEvent;
import io.flashsale.order.support.OrderTable;
import io.quarkus.test.junit.QuarkusTest;

/**
 * docs/design.md §5.3: never more units of a sale in the database than its total, even when Redis offered
 * units it had already sold (a failover that lost writes), and even when two writers decide at once.
 */
@QuarkusTest
class SaleTotalTest {

    private static final String REASON = " sale-total";

    @Inject
    OrderWriter writer;

    @Inject
    OrderTable table;

    @Inject
    DataSource dataSource;

    @Test
    void theOrdersOfABatchPastTheTotalAreRejected() throws SQLException {
        String sale = newSaleId("total");
        OrderEvent a = ofSale(sale, 2, "u-1", 1, 1);
        OrderEvent b = ofSale(sale, 2, "u-2", 2, 1);
        OrderEvent c = ofSale(sale, 2, "u-3", 3, 1);

        WriteOutcome outcome = writer.write(List.of(a, b, c));

        assertEquals(2, outcome.persisted());
        assertEquals(List.of(new WriteOutcome.Rejection(c, RejectionReason.SALE_TOTAL)), outcome.rejected());
        assertEquals(List.of(a.orderId(), b.orderId()), table.persistedIds(sale));
        assertEquals(List.of(c.orderId() + REASON), table.rejected(sale));
        assertEquals(2, table.countedUnits(sale));
    }

    @Test
    void anOrderOfALaterBatchPastTheTotalIsRejectedAndRedeliveredStaysOneRow() throws SQLException {
        String sale = newSaleId("total");
        OrderEvent first = ofSale(sale, 3, "u-1", 1, 3);
        OrderEvent late = ofSale(sale, 3, "u-2", 2, 1);
        writer.write(List.of(first));

        WriteOutcome outcome = writer.write(List.of(late));
        WriteOutcome again = writer.write(List.of(first, late));

        assertEquals(List.of(new WriteOutcome.Rejection(late, RejectionReason.SALE_TOTAL)), outcome.rejected());
        assertEquals(new WriteOutcome(0, 2, List.of()), again);
        assertEquals(List.of(first.orderId()), table.persistedIds(sale));
        assertEquals(List.of(late.orderId() + REASON), table.rejected(sale));
        assertEquals(3, table.countedUnits(sale));
    }

    @Test
    void anOrderRefusedForTheUserLimitLeavesItsUnitsToTheNextBuyer() throws SQLException {
        String sale = newSaleId("total");
        // One unit each, a limit of 1 a user, a total of 2.
        OrderEvent first = event(sale, "u-1", 1, 1, 1, 2);
        OrderEvent overLimit = event(sale, "u-1", 2, 1, 1, 2);
        OrderEvent other = event(sale, "u-2", 3, 1, 1, 2);

        WriteOutcome outcome = writer.write(List.of(first, overLimit, other));

        assertEquals(2, outcome.persisted());
        assertEquals(List.of(new WriteOutcome.Rejection(overLimit, RejectionReason.PER_USER_LIMIT)),
                outcome.rejected());
        assertEquals(List.of(first.orderId(), other.orderId()), table.persistedIds(sale));
    }

    @Test
    void ordersWithoutATotalAreKeptAndCountAgainstLaterOnes() throws SQLException {
        String sale = newSaleId("total");
        OrderEvent old = order(sale, "u-1", 1);
        OrderEvent limitOnly = limited(sale, "u-2", 2, 1);
        OrderEvent checked = ofSale(sale, 2, "u-3", 3, 1);

        writer.write(List.of(old, limitOnly));
        WriteOutcome outcome = writer.write(List.of(checked));

        assertEquals(List.of(new WriteOutcome.Rejection(checked, RejectionReason.SALE_TOTAL)), outcome.rejected());
        assertEquals(2, table.unitsBySale(sale));
        assertEquals(2, table.countedUnits(sale));
    }

    @Test
    void twoWritersOfOneSaleAtOnceNeverPersistMoreThanItsTotal() throws Exception {
        String sale = newSaleId("total");
        int total = 50;
        int writers = 2;
        int batches = 5;
        int batchSize = 10;
        List<List<List<OrderEvent>>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<List<OrderEvent>> mine = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                List<OrderEvent> batch = new ArrayList<>();
                for (int i = 0; i < batchSize; i++) {
                    int n = (w * batches + b) * batchSize + i;
                    batch.add(ofSale(sale, total, "u-" + n, n + 1, 1));
                }
                mine.add(batch);
            }
            work.add(mine);
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> persisted = new ArrayList<>();
            for (List<List<OrderEvent>> mine : work) {
                persisted.add(pool.submit(() -> {
                    start.await();
                    int n = 0;
                    for (List<OrderEvent> batch : mine) {
                        n += writer.write(batch).persisted();
                    }
                    return n;
                }));
            }
            start.countDown();
            int sum = 0;
            for (Future<Integer> f : persisted) {
                sum += f.get();
            }

            assertEquals(total, sum);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(total, table.countBySale(sale));
        assertEquals(writers * batches * batchSize - total, table.countRejectedBySale(sale));
        assertEquals(total, table.countedUnits(sale));
    }

    @Test
    void theRecountOfV4SetsEverySalesCountToTheUnitsItsRowsHold() throws Exception {
        String missed = newSaleId("total");
        String phantom = newSaleId("total");
        writer.write(List.of(ofSale(missed, 5, "u-1", 1, 2), ofSale(missed, 5, "u-2", 2, 1)));
        // As V3 could leave it: a row committed between its backfill and its triggers was never counted,
        // and a sale's count above what its rows hold.
        execute("UPDATE orders.sale_units SET units = 1 WHERE sale_id = '" + missed + "'",
                "INSERT INTO orders.sale_units (sale_id, units) VALUES ('" + phantom + "', 4)");

        execute(migration("V4__recount_sale_units.sql"));

        assertEquals(3, table.countedUnits(missed));
        assertEquals(0, table.countedUnits(phantom));

        execute(migration("V4__recount_sale_units.sql"));

        assertEquals(3, table.countedUnits(missed));
        assertEquals(0, table.countedUnits(phantom));
        // The triggers go on counting from the corrected figure.
        writer.write(List.of(ofSale(missed, 5, "u-3", 3, 2)));
        assertEquals(5, table.countedUnits(missed));
    }

    private static String migration(String name) throws IOException {
        try (InputStream in = SaleTotalTest.class.getClassLoader().getResourceAsStream("db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Runs the statements in one transaction, as Flyway runs a migration. */
    private void execute(String... sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String each : sql) {
                statement.execute(each);
            }
            connection.commit();
        }
    }
}
