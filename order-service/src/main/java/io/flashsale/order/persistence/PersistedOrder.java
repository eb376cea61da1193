package io.flashsale.order.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A row of {@code orders.orders}, for reading. Rows are written only by {@link OrderWriter}'s
 * batch insert, so the entity is immutable: Hibernate never issues an UPDATE for it.
 */
@Entity
@Immutable
@Table(schema = "orders", name = "orders")
public class PersistedOrder extends OrderColumns {

    @Column(name = "persisted_at")
    private Instant persistedAt;

    protected PersistedOrder() {
    }

    public Instant persistedAt() {
        return persistedAt;
    }
}
