package io.flashsale.inventory.reconciliation.service;

/** Why a sale's Redis counters are rebuilt from the database. */
public enum RebuildReason {
    /** Its meta, stock or seq key is gone: Redis restarted without persistence, say. */
    KEYS_MISSING,
    /** Its seq is below the highest persisted seq: Redis lost recent writes (failover, older snapshot). */
    REDIS_BEHIND,
    /**
     * A run found a negative drift with units still available: Redis offers more units than the total
     * leaves (a failover whose replica issued seqs again past the database's max, say), which would
     * oversell. Found by {@link DriftCheck}, rebuilt through the same pause, settle, drain and restore.
     */
    DRIFT_NEGATIVE,
    /** It is RECOVERING but this replica did not pause it: a rebuild that another run left unfinished. */
    UNFINISHED
}
