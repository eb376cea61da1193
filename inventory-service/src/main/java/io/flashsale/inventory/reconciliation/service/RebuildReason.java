package io.flashsale.inventory.reconciliation.service;

/** Why a sale's Redis counters are rebuilt from the database. */
public enum RebuildReason {
    /** Its meta, stock or seq key is gone: Redis restarted without persistence, say. */
    KEYS_MISSING,
    /** Its seq is below the highest persisted seq: Redis lost recent writes (failover, older snapshot). */
    REDIS_BEHIND,
    /** It is RECOVERING but this replica did not pause it: a rebuild that another run left unfinished. */
    UNFINISHED
}
