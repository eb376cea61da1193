package io.flashsale.inventory.reconciliation.service;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.inventory.reconciliation.entity.ReconciliationRun;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Prometheus figures of the reconciliation: per-sale gauges of the last complete run, and counters. */
@ApplicationScoped
public class ReconciliationMetrics {

    static final String AVAILABLE = "flashsale.inventory.available";
    static final String PENDING = "flashsale.inventory.pending";
    static final String PERSISTED = "flashsale.inventory.persisted";
    static final String REJECTED = "flashsale.inventory.rejected";
    static final String DRIFT = "flashsale.inventory.drift";
    static final String RUNS = "flashsale.reconciliation.runs";
    static final String REPUBLISHED = "flashsale.reconciliation.republished";
    static final String RETURNED = "flashsale.reconciliation.returned";
    static final String REBUILDS = "flashsale.reconciliation.rebuilds";
    static final String SALE_TAG = "sale";
    static final String RESULT_TAG = "result";

    /** The figures the gauges of one sale read; written by one run at a time. */
    private static final class Figures {
        volatile long available;
        volatile long pending;
        volatile long persisted;
        volatile long rejected;
        volatile long drift;
    }

    private final MeterRegistry registry;
    private final Map<String, Figures> bySale = new ConcurrentHashMap<>();

    public ReconciliationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(ReconciliationRun run) {
        registry.counter(RUNS, RESULT_TAG, result(run).name().toLowerCase(Locale.ROOT)).increment();
        if (run.republished > 0) {
            registry.counter(REPUBLISHED).increment(run.republished);
        }
        if (run.returned > 0) {
            registry.counter(RETURNED).increment(run.returned);
        }
        if (RunAction.REBUILT.name().equals(run.action)) {
            registry.counter(REBUILDS).increment();
        }
        if (run.drift != null) {
            Figures figures = bySale.computeIfAbsent(run.saleId, this::register);
            figures.available = run.redisAvailable;
            figures.pending = run.pending;
            figures.persisted = run.persisted;
            figures.rejected = run.rejected == null ? 0 : run.rejected;
            figures.drift = run.drift;
        }
    }

    /** The one word a run's outcome is counted under. */
    static RunAction result(ReconciliationRun run) {
        for (RunAction whole : new RunAction[] {RunAction.FAILED, RunAction.REBUILD_WAITING, RunAction.REBUILT}) {
            if (whole.name().equals(run.action)) {
                return whole;
            }
        }
        return run.drift != null && run.drift != 0 ? RunAction.DRIFT : RunAction.OK;
    }

    private Figures register(String saleId) {
        Figures figures = new Figures();
        Gauge.builder(AVAILABLE, figures, f -> f.available).tag(SALE_TAG, saleId).register(registry);
        Gauge.builder(PENDING, figures, f -> f.pending).tag(SALE_TAG, saleId).register(registry);
        Gauge.builder(PERSISTED, figures, f -> f.persisted).tag(SALE_TAG, saleId).register(registry);
        Gauge.builder(REJECTED, figures, f -> f.rejected).tag(SALE_TAG, saleId).register(registry);
        Gauge.builder(DRIFT, figures, f -> f.drift).tag(SALE_TAG, saleId).register(registry);
        return figures;
    }
}
