package io.flashsale.inventory.dashboard.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.inventory.reconciliation.persistence.ReconciliationRun;
import io.flashsale.inventory.reconciliation.persistence.RunHistory;

/**
 * The newest reconciliation run of every sale, kept up to date by reading only the runs stored since the
 * last look: the runs table grows without end, and the dashboard looks every second.
 */
@ApplicationScoped
public class LatestRuns {

    /** More new runs than this since the last look (sampling stopped for a while): read afresh. */
    private static final int MAX_NEW = 1_000;

    private final RunHistory history;
    private final Map<String, ReconciliationRun> bySale = new HashMap<>();
    private long newestId = -1;

    public LatestRuns(RunHistory history) {
        this.history = history;
    }

    /** Sale id → its newest run, for the sales that have one. */
    public synchronized Map<String, ReconciliationRun> refresh() {
        List<ReconciliationRun> newer = newestId < 0 ? List.of() : history.recordedAfter(newestId, MAX_NEW);
        if (newestId < 0 || newer.size() == MAX_NEW) {
            bySale.clear();
            newestId = 0;
            newer = history.latestPerSale();
        }
        for (ReconciliationRun run : newer) {
            bySale.put(run.saleId, run);
            newestId = Math.max(newestId, run.id);
        }
        return Map.copyOf(bySale);
    }
}
