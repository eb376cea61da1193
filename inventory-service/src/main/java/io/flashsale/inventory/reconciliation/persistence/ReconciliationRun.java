package io.flashsale.inventory.reconciliation.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What one reconciliation run found and did for one sale. Figures the run could not establish (a
 * rebuild still waiting, a failure) are null.
 */
@Entity
@Table(name = "reconciliation_runs", schema = "inventory")
public class ReconciliationRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "sale_id")
    public String saleId;

    public Instant at;

    public int total;

    @Column(name = "redis_available")
    public Long redisAvailable;

    @Column(name = "redis_seq")
    public Long redisSeq;

    /** Units reserved in the snapshot and not yet in the database. */
    public Long pending;

    /** Units in the database with seq at or below the snapshot's seq. */
    public Long persisted;

    /**
     * Units of the snapshot's reservations whose orders the database refused (orders.rejected_orders):
     * still reserved in Redis at the snapshot, given back by the run.
     */
    public Long rejected;

    /** total − available − pending − persisted − rejected; anything but 0 is reported loudly. */
    public Long drift;

    public int pruned;

    /** Refused reservations whose units the run gave back to Redis. */
    public int returned;

    public int republished;

    /**
     * What the run did: OK, or PRUNED / RETURNED / REPUBLISHED / REPUBLISH_FAILED / DRIFT joined by '+'; or
     * REBUILT, REBUILD_WAITING, FAILED.
     */
    public String action;

    public String detail;

    @Column(name = "duration_ms")
    public long durationMs;

    /** A run of a sale, stamped now; the reconciliation fills in what it finds. */
    public static ReconciliationRun of(String saleId, int total) {
        ReconciliationRun run = new ReconciliationRun();
        run.saleId = saleId;
        run.total = total;
        run.at = Instant.now();
        return run;
    }
}
