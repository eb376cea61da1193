package io.flashsale.inventory.reconciliation.service;

import java.time.Instant;

import io.flashsale.inventory.reconciliation.persistence.ReconciliationRun;

/** One reconciliation run of one sale, as the API and the dashboard show it; see {@link ReconciliationRun} for the figures. */
public record RunView(long id, String saleId, Instant at, int total, Long redisAvailable, Long redisSeq, Long pending,
        Long persisted, Long rejected, Long drift, int pruned, int returned, int republished, String action,
        String detail, long durationMs) {

    public static RunView of(ReconciliationRun run) {
        return new RunView(run.id, run.saleId, run.at, run.total, run.redisAvailable, run.redisSeq, run.pending,
                run.persisted, run.rejected, run.drift, run.pruned, run.returned, run.republished, run.action,
                run.detail, run.durationMs);
    }
}
