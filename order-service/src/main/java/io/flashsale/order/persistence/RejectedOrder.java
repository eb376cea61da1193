package io.flashsale.order.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A row of {@code orders.rejected_orders}, for reading: an order the database refused. Rows are
 * written only by {@link OrderWriter}, so the entity is immutable.
 */
@Entity
@Immutable
@Table(schema = "orders", name = "rejected_orders")
public class RejectedOrder extends OrderColumns {

    @Column(name = "rejected_at")
    private Instant rejectedAt;

    /** A {@link RejectionReason#code()}. */
    private String reason;

    protected RejectedOrder() {
    }

    public Instant rejectedAt() {
        return rejectedAt;
    }

    public String reason() {
        return reason;
    }
}
