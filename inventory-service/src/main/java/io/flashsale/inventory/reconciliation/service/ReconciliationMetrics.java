package io.flashsale.inventory.reconciliation.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.inventory.reconciliation.persistence.ReconciliationRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Prometheus figures of the reconciliation: per-sale gauges of the newest complete run, whether a sale
 * is paused for a rebuild, and counters. The counters count this replica's runs (sum them over replicas);
 * the gauges follow the newest run in the database, whichever replica made it ({@link #refresh}), so that
 * every replica reports the same figures and none keeps an old drift after another replica repaired it.
 */
@Startup // the counters are scraped, at zero, before the first run
@ApplicationScoped
public class ReconciliationMetrics {

    static final String AVAILABLE = "flashsale.inventory.available";
    static final String PENDING = "flashsale.inventory.pending";
    static final String PERSISTED = "flashsale.inventory.persisted";
    static final String REJECTED = "flashsale.inventory.rejected";
    static final String DRIFT = "flashsale.inventory.drift";
    static final String RECOVERING = "flashsale.inventory.recovering";
    static final String RUNS = "flashsale.reconciliation.runs";
    static final String REPUBLISHED = "flashsale.reconciliation.republished";
    static final String RETURNED = "flashsale.reconciliation.returned";
    static final String REBUILDS = "flashsale.reconciliation.rebuilds";
    static final String SALE_TAG = "sale";
    static final String RESULT_TAG = "result";

    /** The results a run is counted under ({@link #result}). */
    private static final List<RunAction> RESULTS =
            List.of(RunAction.OK, RunAction.DRIFT, RunAction.REBUILT, RunAction.REBUILD_WAITING, RunAction.FAILED);

    /** What the gauges of one sale read. NaN until a run with figures is known. */
    private static final class Figures {
        volatile double available = Double.NaN;
        volatile double pending = Double.NaN;
        volatile double persisted = Double.NaN;
        volatile double rejected = Double.NaN;
        volatile double drift = Double.NaN;
        volatile double recovering;
        /** When this replica paused the sale; runs that started before it cannot end the pause. */
        Instant pausedAt;
        /** The newest stored run applied, so that an older one never overwrites it. */
        long runId;
    }

    private final MeterRegistry registry;
    private final Map<String, Figures> bySale = new ConcurrentHashMap<>();
    private final Map<RunAction, Counter> runs = new ConcurrentHashMap<>();
    private final Counter republished;
    private final Counter returned;
    private final Counter rebuilds;

    public ReconciliationMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RunAction result : RESULTS) {
            runs.put(result, Counter.builder(RUNS).description("Reconciliation runs of this replica, by result")
                    .tag(RESULT_TAG, result.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        republished = Counter.builder(REPUBLISHED).description("Stranded reservations published again")
                .register(registry);
        returned = Counter.builder(RETURNED)
                .description("Reservations the database refused whose units were given back to Redis")
                .register(registry);
        rebuilds = Counter.builder(REBUILDS).description("Sales rebuilt from the database").register(registry);
    }

    /** A run this replica made, just stored. */
    void record(ReconciliationRun run) {
        runs.get(result(run)).increment();
        republished.increment(run.republished);
        returned.increment(run.returned);
        if (RunAction.REBUILT.name().equals(run.action)) {
            rebuilds.increment();
        }
        apply(run);
    }

    /** This replica paused the sale (RECOVERING) for a rebuild: it shows as recovering at once. */
    void paused(String saleId) {
        Figures figures = figures(saleId);
        synchronized (figures) {
            if (figures.recovering == 0) {
                figures.pausedAt = Instant.now();
            }
            figures.recovering = 1;
        }
    }

    /** Takes the newest run of each sale, whichever replica stored it. */
    void refresh(List<ReconciliationRun> newestPerSale) {
        newestPerSale.forEach(this::apply);
    }

    private void apply(ReconciliationRun run) {
        Figures figures = figures(run.saleId);
        synchronized (figures) {
            if (run.id != null) {
                if (run.id <= figures.runId) {
                    return;
                }
                figures.runId = run.id;
            }
            if (run.drift != null) {
                figures.available = run.redisAvailable;
                figures.pending = run.pending;
                figures.persisted = run.persisted;
                figures.rejected = run.rejected == null ? 0 : run.rejected;
                figures.drift = run.drift;
            }
            if (RunAction.REBUILD_WAITING.name().equals(run.action)) {
                figures.recovering = 1;
            } else if (run.drift != null
                    && (figures.pausedAt == null || run.at == null || !run.at.isBefore(figures.pausedAt))) {
                // Rebuilt, or found healthy by a run that started after this replica's pause.
                figures.recovering = 0;
                figures.pausedAt = null;
            }
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

    private Figures figures(String saleId) {
        return bySale.computeIfAbsent(saleId, this::register);
    }

    private Figures register(String saleId) {
        Figures figures = new Figures();
        Gauge.builder(AVAILABLE, figures, f -> f.available).tag(SALE_TAG, saleId)
                .description("Units available in Redis at the newest complete run").register(registry);
        Gauge.builder(PENDING, figures, f -> f.pending).tag(SALE_TAG, saleId)
                .description("Units reserved and not yet persisted at the newest complete run").register(registry);
        Gauge.builder(PERSISTED, figures, f -> f.persisted).tag(SALE_TAG, saleId)
                .description("Units persisted up to the snapshot's seq at the newest complete run").register(registry);
        Gauge.builder(REJECTED, figures, f -> f.rejected).tag(SALE_TAG, saleId)
                .description("Units of refused reservations not yet given back at the newest complete run")
                .register(registry);
        Gauge.builder(DRIFT, figures, f -> f.drift).tag(SALE_TAG, saleId)
                .description("total - available - pending - persisted - rejected; anything but 0 is a problem")
                .register(registry);
        Gauge.builder(RECOVERING, figures, f -> f.recovering).tag(SALE_TAG, saleId)
                .description("1 while reconciliation holds the sale paused (RECOVERING) for a rebuild, else 0")
                .register(registry);
        return figures;
    }
}
