package io.flashsale.order.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Reads the orders the database refused, for the support and operations API. */
@ApplicationScoped
public class RejectedOrderRepository implements PanacheRepositoryBase<RejectedOrder, UUID> {

    public List<RejectedOrder> listBySale(SaleFilter filter) {
        return find(filter.query(), SaleFilter.BY_SEQ, filter.parameters()).range(0, filter.limit() - 1).list();
    }
}
