package io.flashsale.order.persistence;

import static io.flashsale.order.support.Orders.event;
import static io.flashsale.order.support.Orders.limited;
import static io.flashsale.order.support.Orders.newSaleId;
import static io.flashsale.order.support.Orders.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEvent;
import io.flashsale.order.support.OrderTable;
import io.quarkus.test.junit.QuarkusTest;

/** docs/design.md §5.2: no user exceeds the per-user limit in the database, even if Redis forgot a buyer. */
@QuarkusTest
class PerUserLimitTest {

    private static final String REASON = " per-user-limit";

    @Inject
    OrderWriter writer;

    @Inject
    OrderTable table;

    @Test
    void theSecondOrderOfAUserInOneBatchIsRejectedForALimitOfOne() throws SQLException {
        String sale = newSaleId("limit");
        OrderEvent first = limited(sale, "u-1", 1, 1);
        OrderEvent second = limited(sale, "u-1", 2, 1);

        WriteOutcome outcome = writer.write(List.of(first, second));

        assertEquals(1, outcome.persisted());
        assertEquals(List.of(new WriteOutcome.Rejection(second, RejectionReason.PER_USER_LIMIT)), outcome.rejected());
        assertEquals(List.of(first.orderId()), table.persistedIds(sale));
        assertEquals(List.of(second.orderId() + REASON), table.rejected(sale));
    }

    @Test
    void theSecondOrderOfAUserInALaterBatchIsRejectedForALimitOfOne() throws SQLException {
        String sale = newSaleId("limit");
        OrderEvent first = limited(sale, "u-1", 1, 1);
        OrderEvent second = limited(sale, "u-1", 2, 1);

        writer.write(List.of(first));
        WriteOutcome outcome = writer.write(List.of(second));

        assertEquals(0, outcome.persisted());
        assertEquals(1, outcome.rejected().size());
        assertEquals(List.of(first.orderId()), table.persistedIds(sale));
        assertEquals(List.of(second.orderId() + REASON), table.rejected(sale));
    }

    @Test
    void aLimitOfTwoTakesTwoSingleUnitsAndRejectsTheThird() throws SQLException {
        String sale = newSaleId("limit");
        OrderEvent first = limited(sale, "u-1", 1, 2);
        OrderEvent second = limited(sale, "u-1", 2, 2);
        OrderEvent third = limited(sale, "u-1", 3, 2);

        assertEquals(2, writer.write(List.of(first, second)).persisted());
        WriteOutcome outcome = writer.write(List.of(third));

        assertEquals(1, outcome.rejected().size());
        assertEquals(List.of(first.orderId(), second.orderId()), table.persistedIds(sale));
        assertEquals(List.of(third.orderId() + REASON), table.rejected(sale));
    }

    @Test
    void anOrderOfMoreUnitsThanItsUserHasLeftIsRejected() throws SQLException {
        String sale = newSaleId("limit");
        OrderEvent first = event(sale, "u-1", 1, 2, 3);
        OrderEvent second = event(sale, "u-1", 2, 2, 3);

        writer.write(List.of(first, second));

        assertEquals(List.of(first.orderId()), table.persistedIds(sale));
        assertEquals(List.of(second.orderId() + REASON), table.rejected(sale));
    }

    @Test
    void aRedeliveredRejectedOrderStaysOneRejectedRow() throws SQLException {
        String sale = newSaleId("limit");
        OrderEvent first = limited(sale, "u-1", 1, 1);
        OrderEvent second = limited(sale, "u-1", 2, 1);
        writer.write(List.of(first, second));

        WriteOutcome again = writer.write(List.of(second));
        WriteOutcome wholeBatchAgain = writer.write(List.of(first, second));

        assertEquals(new WriteOutcome(0, 1, List.of()), again);
        assertEquals(new WriteOutcome(0, 2, List.of()), wholeBatchAgain);
        assertEquals(List.of(first.orderId()), table.persistedIds(sale));
        assertEquals(List.of(second.orderId() + REASON), table.rejected(sale));
    }

    @Test
    void aRedeliveredPersistedOrderIsADuplicateNotARejection() throws SQLException {
        String sale = newSaleId("limit");
        OrderEvent order = limited(sale, "u-1", 1, 1);
        writer.write(List.of(order));

        WriteOutcome outcome = writer.write(List.of(order));

        assertEquals(new WriteOutcome(0, 1, List.of()), outcome);
        assertEquals(0, table.countRejectedBySale(sale));
    }

    @Test
    void eventsWithoutALimitAreNotChecked() throws SQLException {
        String sale = newSaleId("limit");

        WriteOutcome outcome = writer.write(List.of(order(sale, "u-1", 1), order(sale, "u-1", 2)));

        assertEquals(2, outcome.persisted());
        assertEquals(0, table.countRejectedBySale(sale));
    }

    @Test
    void unitsOfEventsWithoutALimitCountAgainstLaterOnes() throws SQLException {
        String sale = newSaleId("limit");
        OrderEvent old = order(sale, "u-1", 1);
        OrderEvent limited = limited(sale, "u-1", 2, 1);

        writer.write(List.of(old));
        writer.write(List.of(limited));

        assertEquals(List.of(old.orderId()), table.persistedIds(sale));
        assertEquals(List.of(limited.orderId() + REASON), table.rejected(sale));
    }

    @Test
    void eachUserOfEachSaleHasALimitOfTheirOwn() throws SQLException {
        String sale = newSaleId("limit");
        String otherSale = newSaleId("limit");

        WriteOutcome outcome = writer.write(List.of(limited(sale, "u-1", 1, 1), limited(sale, "u-2", 2, 1),
                limited(otherSale, "u-1", 1, 1)));

        assertEquals(3, outcome.persisted());
        assertTrue(outcome.rejected().isEmpty());
    }
}
