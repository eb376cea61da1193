package io.flashsale.inventory.reconciliation.service;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.flashsale.inventory.reconciliation.entity.ReconciliationRun;
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
}
