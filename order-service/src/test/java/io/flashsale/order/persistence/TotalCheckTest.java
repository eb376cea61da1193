package io.flashsale.order.persistence;

import static io.flashsale.order.support.Orders.event;
import static io.flashsale.order.support.Orders.ofSale;
import static io.flashsale.order.support.Orders.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEvent;

/** The decision alone, without a database. */
class TotalCheckTest {

    private static final String SALE = "s-1";

    @Test
    void theOrdersPastTheTotalInConsumptionOrderAreRefused() {
        OrderEvent first = ofSale(SALE, 2, "a", 1, 1);
        OrderEvent second = ofSale(SALE, 2, "b", 2, 1);
        OrderEvent third = ofSale(SALE, 2, "c", 3, 1);

        assertEquals(List.of(third), TotalCheck.refused(List.of(first, second, third), Map.of()));
    }

    @Test
    void persistedUnitsCount() {
        OrderEvent order = ofSale(SALE, 5, "a", 9, 2);

        assertEquals(List.of(order), TotalCheck.refused(List.of(order), Map.of(SALE, 4L)));
        assertEquals(List.of(), TotalCheck.refused(List.of(order), Map.of(SALE, 3L)));
    }

    @Test
    void aRefusedOrderDoesNotUseUpTheTotalSoASmallerOneAfterItFits() {
        OrderEvent three = ofSale(SALE, 4, "a", 1, 3);
        OrderEvent tooMany = ofSale(SALE, 4, "b", 2, 2);
        OrderEvent one = ofSale(SALE, 4, "c", 3, 1);

        assertEquals(List.of(tooMany), TotalCheck.refused(List.of(three, tooMany, one), Map.of()));
    }

    @Test
    void eventsWithoutATotalAreNeverRefusedButCount() {
        OrderEvent old = order(SALE, "a", 1);
        OrderEvent checked = ofSale(SALE, 1, "b", 2, 1);

        assertEquals(List.of(checked), TotalCheck.refused(List.of(old, checked), Map.of()));
        assertEquals(List.of(), TotalCheck.refused(List.of(event(SALE, "a", 1, 7, null)), Map.of(SALE, 100L)));
    }

    @Test
    void eachSaleHasATotalOfItsOwnAndTheSalesAreLockedSorted() {
        OrderEvent b = ofSale("s-b", 1, "a", 1, 1);
        OrderEvent a = ofSale("s-a", 1, "a", 1, 1);

        assertEquals(List.of(), TotalCheck.refused(List.of(b, a), Map.of()));
        assertEquals(List.of("s-a", "s-b"), TotalCheck.sales(List.of(b, a, b)));
    }
}
