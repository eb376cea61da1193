package io.flashsale.order.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flashsale.contract.OrderEvent;

/**
 * The per-user limit, decided in the database's terms: an order carrying a {@code perUserLimit} is
 * refused when the units its user already holds in the sale (persisted, plus the orders accepted
 * before it in the same batch) and its own would exceed that limit. Events without a limit (written
 * before it existed) are never refused, but their units count against later ones.
 */
final class LimitCheck {

    /** A user in a sale: the unit the limit applies to. */
    record Buyer(String saleId, String userId) {

        static Buyer of(OrderEvent order) {
            return new Buyer(order.saleId(), order.userId());
        }
    }

    private LimitCheck() {
    }

    /** The buyers with at least one order carrying a limit: the only ones checked. */
    static Set<Buyer> checkedBuyers(List<OrderEvent> orders) {
        Set<Buyer> buyers = new LinkedHashSet<>();
        for (OrderEvent order : orders) {
            if (order.perUserLimit() != null) {
                buyers.add(Buyer.of(order));
            }
        }
        return buyers;
    }

    /**
     * @param fresh     orders in neither table yet, in the order they were consumed (a user's orders
     *                  share a partition, so this is the order they were published in)
     * @param persisted units already persisted per checked buyer; a buyer absent holds none
     * @return the orders to refuse, in {@code fresh}'s order
     */
    static List<OrderEvent> refused(List<OrderEvent> fresh, Map<Buyer, Long> persisted) {
        Set<Buyer> checked = checkedBuyers(fresh);
        Map<Buyer, Long> held = new HashMap<>(persisted);
        List<OrderEvent> refused = new ArrayList<>();
        for (OrderEvent order : fresh) {
            Buyer buyer = Buyer.of(order);
            if (!checked.contains(buyer)) {
                continue;
            }
            long units = held.getOrDefault(buyer, 0L) + order.quantity();
            if (order.perUserLimit() != null && units > order.perUserLimit()) {
                refused.add(order);
            } else {
                held.put(buyer, units);
            }
        }
        return refused;
    }
}
