package io.flashsale.order.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flashsale.contract.OrderEvent;

/**
 * The sale's total, decided in the database's terms: an order carrying a {@code saleTotal} is refused
 * when the units its sale already holds in {@code orders.orders} (persisted, plus the orders kept before
 * it in the same batch) and its own would exceed that total. Redis never reserves past the total, so this
 * refuses only what Redis offered again after forgetting reservations (a failover that lost writes).
 * Events without a total (written before it existed) are never refused, but their units count.
 */
final class TotalCheck {

    private TotalCheck() {
    }

    /** The sales of these orders, sorted: the order their rows are locked in. */
    static List<String> sales(List<OrderEvent> orders) {
        Set<String> sales = new LinkedHashSet<>();
        orders.forEach(o -> sales.add(o.saleId()));
        return sales.stream().sorted().toList();
    }

    /**
     * @param kept      orders that will be written unless refused here, in the order they were consumed
     * @param persisted units already in {@code orders.orders} per sale; a sale absent holds none
     * @return the orders to refuse, in {@code kept}'s order
     */
    static List<OrderEvent> refused(List<OrderEvent> kept, Map<String, Long> persisted) {
        Map<String, Long> held = new HashMap<>(persisted);
        List<OrderEvent> refused = new ArrayList<>();
        for (OrderEvent order : kept) {
            long units = held.getOrDefault(order.saleId(), 0L) + order.quantity();
            if (order.saleTotal() != null && units > order.saleTotal()) {
                refused.add(order);
            } else {
                held.put(order.saleId(), units);
            }
        }
        return refused;
    }
}
