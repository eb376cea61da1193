package io.flashsale.order.persistence;

import java.util.Optional;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * A page of a sale's orders: optionally one user's, those with a seq above {@code afterSeq}, at most
 * {@code limit}, in reservation order.
 */
public record SaleFilter(String saleId, Optional<String> userId, long afterSeq, int limit) {

    // seq is not unique (docs/design.md §5.1), so the order id breaks ties and keeps pages stable.
    static final Sort BY_SEQ = Sort.by("seq").and("orderId");

    String query() {
        return "saleId = :saleId and seq > :afterSeq" + (userId.isPresent() ? " and userId = :userId" : "");
    }

    Parameters parameters() {
        Parameters parameters = Parameters.with("saleId", saleId).and("afterSeq", afterSeq);
        userId.ifPresent(user -> parameters.and("userId", user));
        return parameters;
    }
}
