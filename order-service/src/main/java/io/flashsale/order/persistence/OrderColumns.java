package io.flashsale.order.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** The columns an order has whether the database kept it or refused it. */
@MappedSuperclass
public abstract class OrderColumns {

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

    /** The sale's limit the event carried; null for events from before it existed. */
    @Column(name = "per_user_limit")
    private Integer perUserLimit;

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

    public Integer perUserLimit() {
        return perUserLimit;
    }
}
