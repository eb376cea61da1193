package io.flashsale.inventory.sale.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.flashsale.contract.SaleState;
import io.flashsale.inventory.redis.SaleMeta;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A sale as this service owns it: the source of truth a rebuild restores Redis from. */
@Entity
@Table(name = "sales", schema = "inventory")
public class Sale extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    @Column(name = "total_stock")
    public int totalStock;

    @Column(name = "per_user_limit")
    public int perUserLimit;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    /** ACTIVE, PAUSED or ENDED; never RECOVERING, which only Redis holds. */
    @Enumerated(EnumType.STRING)
    public SaleState state;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The meta hash of this sale with the given state. */
    public SaleMeta meta(SaleState state) {
        return new SaleMeta(id, totalStock, perUserLimit, startsAt, endsAt, state);
    }
}
