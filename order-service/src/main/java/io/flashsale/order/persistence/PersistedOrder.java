package io.flashsale.order.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A row of {@code orders.orders}, for reading. Rows are written only by {@link OrderWriter}'s
 * batch insert, so the entity is immutable: Hibernate never issues an UPDATE for it.
 */
@Entity
@Immutable
@Table(schema = "orders", name = "orders")
public class PersistedOrder {

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

    @Column(name = "persisted_at")
    private Instant persistedAt;

    /** The sale's limit the event carried; null for events from before it existed. */
    @Column(name = "per_user_limit")
    private Integer perUserLimit;

    protected PersistedOrder() {
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

    public Instant persistedAt() {
        return persistedAt;
    }

    public Integer perUserLimit() {
        return perUserLimit;
    }
}
