package io.flashsale.order.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Reads persisted orders for the support and operations API. */
@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<PersistedOrder, UUID> {

    // seq is not unique (DESIGN.md §5), so the order id breaks ties and keeps pages stable.
    private static final Sort BY_SEQ = Sort.by("seq").and("orderId");

    /**
     * The first {@code limit} orders of a sale with a seq above {@code afterSeq}, optionally of one
     * user, in reservation order.
     */
    public List<PersistedOrder> listBySale(String saleId, Optional<String> userId, long afterSeq, int limit) {
        Parameters parameters = Parameters.with("saleId", saleId).and("afterSeq", afterSeq);
        String query = "saleId = :saleId and seq > :afterSeq";
        if (userId.isPresent()) {
            query += " and userId = :userId";
            parameters.and("userId", userId.get());
        }
        return find(query, BY_SEQ, parameters).range(0, limit - 1).list();
    }
}
