package io.flashsale.inventory.reconciliation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.flashsale.inventory.reconciliation.persistence.ReconciliationRun;

/** The one result a run is counted under in flashsale_reconciliation_runs_total, from its action and drift. */
class RunResultTest {

    @ParameterizedTest(name = "{0}, drift {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
        "OK,                       0,    OK",
        "PRUNED+REPUBLISHED,       0,    OK",
        "RETURNED,                 0,    OK",
        "PRUNED+DRIFT,             3,    DRIFT",
        "DRIFT,                    -2,   DRIFT",
        "REPUBLISH_FAILED,         0,    OK",
        "REBUILT,                  0,    REBUILT",
        "REBUILT,                  5,    REBUILT",
        "REBUILD_WAITING,          null, REBUILD_WAITING",
        "FAILED,                   null, FAILED",
        "OK,                       null, OK",
    })
    void aRunIsCountedUnderOneResult(String action, Long drift, RunAction result) {
        ReconciliationRun run = ReconciliationRun.of("sale", 10);
        run.action = action;
        run.drift = drift;

        assertEquals(result, ReconciliationMetrics.result(run));
    }
}
