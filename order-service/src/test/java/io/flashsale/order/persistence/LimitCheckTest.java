package io.flashsale.order.persistence;

import static io.flashsale.order.support.Orders.event;
import static io.flashsale.order.support.Orders.limited;
import static io.flashsale.order.support.Orders.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEvent;
import io.flashsale.order.persistence.LimitCheck.Buyer;

/** The decision alone, without a database. */
class LimitCheckTest {

    private static final String SALE = "s-1";

    @Test
    void theFirstOrderInConsumptionOrderWins() {
        OrderEvent later = limited(SALE, "u", 1, 1);
        OrderEvent earlier = limited(SALE, "u", 2, 1);

        assertEquals(List.of(later), LimitCheck.refused(List.of(earlier, later), Map.of()));
    }

    @Test
    void persistedUnitsCount() {
        OrderEvent order = limited(SALE, "u", 3, 3);

        assertEquals(List.of(order), LimitCheck.refused(List.of(order), Map.of(new Buyer(SALE, "u"), 3L)));
        assertEquals(List.of(), LimitCheck.refused(List.of(order), Map.of(new Buyer(SALE, "u"), 2L)));
    }

    @Test
    void aRefusedOrderDoesNotUseUpTheLimit() {
        OrderEvent two = event(SALE, "u", 1, 2, 2);
        OrderEvent tooMany = event(SALE, "u", 2, 3, 2);

        assertEquals(List.of(tooMany), LimitCheck.refused(List.of(tooMany, two), Map.of()));
    }

    @Test
    void ordersWithoutALimitAreNeverRefusedButTheirUnitsCount() {
        OrderEvent old = order(SALE, "u", 1);
        OrderEvent limited = limited(SALE, "u", 2, 1);

        assertEquals(List.of(limited), LimitCheck.refused(List.of(old, limited), Map.of()));
        assertEquals(List.of(), LimitCheck.refused(List.of(old, order(SALE, "u", 3)), Map.of(new Buyer(SALE, "u"), 9L)));
    }
}
