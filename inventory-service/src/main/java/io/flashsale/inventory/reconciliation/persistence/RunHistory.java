package io.flashsale.inventory.reconciliation.persistence;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.flashsale.inventory.reconciliation.persistence.ReconciliationRun;
import io.quarkus.panache.common.Sort;

/** The stored reconciliation runs. */
@ApplicationScoped
public class RunHistory {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(ReconciliationRun run) {
        run.persist();
    }

    /** The newest run of every sale that has one, by sale id. */
    @Transactional
    public List<ReconciliationRun> latestPerSale() {
        // Ids grow with time, so the highest id of a sale is its newest run.
        return ReconciliationRun.list(
                "id in (select max(r.id) from ReconciliationRun r group by r.saleId)", Sort.by("saleId"));
    }

    public Map<String, ReconciliationRun> latestBySale() {
        return latestPerSale().stream().collect(Collectors.toMap(r -> r.saleId, Function.identity()));
    }

    /** A sale's runs, newest first. */
    @Transactional
    public List<ReconciliationRun> history(String saleId, int limit) {
        return ReconciliationRun.find("saleId", Sort.descending("at", "id"), saleId).page(0, limit).list();
    }

    /**
     * Runs stored after the run with this id, oldest first, at most {@code limit}. Runs are stored one at
     * a time by the holder of the reconciliation lock, each in its own transaction, so ids commit in order.
     */
    @Transactional
    public List<ReconciliationRun> recordedAfter(long id, int limit) {
        return ReconciliationRun.find("id > ?1", Sort.by("id"), id).page(0, limit).list();
    }
}
