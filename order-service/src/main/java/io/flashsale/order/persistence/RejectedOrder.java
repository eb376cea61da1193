package io.flashsale.order.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A row of {@code orders.rejected_orders}, for reading: an order the database refused. Rows are
 * written only by {@link OrderWriter}, so the entity is immutable.
 */
@Entity
@Immutable
@Table(schema = "orders", name = "rejected_orders")
public class RejectedOrder {

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "sale_id")
    private String saleId;

    @Column(name = "user_id")
    private String userId;

    private int quantity;

    private long seq;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Column(name = "rejected_at")
    private Instant rejectedAt;

    /** A {@link RejectionReason#code()}. */
    private String reason;

    @Column(name = "per_user_limit")
    private Integer perUserLimit;

    protected RejectedOrder() {
    }

    public UUID orderId() {
        return orderId;
    }

    public String saleId() {
        return saleId;
    }

    public String userId() {
        return userId;
    }

    public int quantity() {
        return quantity;
    }

    public long seq() {
        return seq;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public Instant rejectedAt() {
        return rejectedAt;
    }

    public String reason() {
        return reason;
    }

    public Integer perUserLimit() {
        return perUserLimit;
    }
}
