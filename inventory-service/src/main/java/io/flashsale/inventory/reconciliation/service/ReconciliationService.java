package io.flashsale.inventory.reconciliation.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flashsale.contract.LogFields;
import io.flashsale.contract.SaleState;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.reconciliation.persistence.ReconciliationRun;
import io.flashsale.inventory.redis.ReconciliationRedis;
import io.flashsale.inventory.redis.SaleSnapshot;
import io.flashsale.inventory.sale.persistence.Sale;
import io.flashsale.inventory.sale.service.SaleService;
import io.flashsale.inventory.reconciliation.persistence.AdvisoryLock;
import io.flashsale.inventory.reconciliation.persistence.PersistedOrders;
import io.flashsale.inventory.reconciliation.persistence.RunHistory;

/** Runs reconciliation over the sales that need it, one replica at a time, and records every run. */
@ApplicationScoped
public class ReconciliationService {

    private static final Logger LOG = Logger.getLogger(ReconciliationService.class);

    private final InventoryConfig config;
    private final SaleService sales;
    private final ReconciliationRedis redis;
    private final PersistedOrders orders;
    private final DriftCheck driftCheck;
    private final SaleRebuilder rebuilder;
    private final RunHistory history;
    private final ReconciliationMetrics metrics;
    private final AdvisoryLock lock;

    public ReconciliationService(InventoryConfig config, SaleService sales, ReconciliationRedis redis,
            PersistedOrders orders, DriftCheck driftCheck, SaleRebuilder rebuilder, RunHistory history,
            ReconciliationMetrics metrics, AdvisoryLock lock) {
        this.config = config;
        this.sales = sales;
        this.redis = redis;
        this.orders = orders;
        this.driftCheck = driftCheck;
        this.rebuilder = rebuilder;
        this.history = history;
        this.metrics = metrics;
        this.lock = lock;
    }

    /** The scheduled run: when another replica holds the lock, that replica is doing the work. */
    public void runScheduled() {
        lock.callExclusively(Duration.ZERO, () -> reconcile(salesDue()));
    }

    /**
     * A run asked for now, of one sale or of every sale due; waits a bounded time for a run elsewhere
     * to finish.
     */
    public List<ReconciliationRun> runNow(Optional<String> saleId) {
        // An unknown sale is a 404 before any waiting for the lock.
        saleId.ifPresent(sales::get);
        return lock.callExclusively(config.reconciliation().lockWait(),
                        () -> reconcile(saleId.map(id -> List.of(sales.get(id))).orElseGet(this::salesDue)))
                .orElseThrow(() -> Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                        "another reconciliation run holds the lock; try again shortly").exception());
    }

    /** Every sale not ENDED, and an ENDED one until a run after its end found nothing pending. */
    List<Sale> salesDue() {
        Map<String, ReconciliationRun> latest = history.latestBySale();
        return sales.list().stream().filter(s -> s.state != SaleState.ENDED || !settled(s, latest.get(s.id))).toList();
    }

    private static boolean settled(Sale ended, ReconciliationRun last) {
        return last != null && last.at.isAfter(ended.updatedAt) && last.pending != null && last.pending == 0;
    }

    /**
     * A Redis that lost its data lost every sale at once, possibly in the middle of this run: before
     * the run's first rebuild waits, every sale of the run that needs one is paused too, so that they
     * wait out one publish-settle together instead of one after another.
     */
    private List<ReconciliationRun> reconcile(List<Sale> due) {
        Runnable pauseAllLost = new Runnable() {
            private boolean done;

            @Override
            public void run() {
                if (!done && due.size() > 1) {
                    done = true;
                    due.forEach(ReconciliationService.this::pauseIfLost);
                }
            }
        };
        return due.stream().map(sale -> reconcile(sale, pauseAllLost)).toList();
    }

    private void pauseIfLost(Sale sale) {
        try (LogFields.Scope fields = LogFields.sale(sale.id)) {
            long persistedMaxSeq = orders.maxSeq(sale.id);
            rebuilder.reasonFor(redis.snapshot(sale.id), persistedMaxSeq).ifPresent(r -> rebuilder.pause(sale, r));
        } catch (RuntimeException e) {
            // The sale's own pass below meets the same failure and records it.
            LOG.debugf("could not check sale %s before the run: %s", sale.id, e.toString());
        }
    }

    /** One sale's pass; everything it logs, down to the rebuild and the drain, carries the sale's id. */
    private ReconciliationRun reconcile(Sale sale, Runnable beforeRebuild) {
        try (LogFields.Scope fields = LogFields.sale(sale.id)) {
            return reconcileSale(sale, beforeRebuild);
        }
    }

    private ReconciliationRun reconcileSale(Sale sale, Runnable beforeRebuild) {
        long started = System.nanoTime();
        ReconciliationRun run;
        try {
            // Read before the snapshot: every order persisted by then already had its seq in Redis,
            // so a snapshot seq below this one means Redis went back in time.
            long persistedMaxSeq = orders.maxSeq(sale.id);
            SaleSnapshot snapshot = redis.snapshot(sale.id);
            Optional<RebuildReason> rebuild = rebuilder.reasonFor(snapshot, persistedMaxSeq);
            if (rebuild.isPresent()) {
                beforeRebuild.run();
                run = rebuilder.rebuild(sale, rebuild.get(), snapshot);
            } else {
                // Healthy (keys there, not RECOVERING): a pause this replica still remembers belongs to
                // a rebuild another replica finished; a later rebuild must wait from its own pause.
                rebuilder.forget(sale.id);
                run = driftCheck.check(sale, snapshot);
                if (oversells(run)) {
                    LOG.warnf("sale %s: negative drift %d with %d unit(s) available; rebuilding it from the database",
                            sale.id, run.drift, run.redisAvailable);
                    String found = "drift=" + run.drift + " (available=" + run.redisAvailable + ", pending="
                            + run.pending + ", persisted=" + run.persisted + ", rejected=" + run.rejected + ")";
                    beforeRebuild.run();
                    run = rebuilder.rebuild(sale, RebuildReason.DRIFT_NEGATIVE, snapshot);
                    run.detail = found + "; " + run.detail;
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconciliation of sale %s failed", sale.id);
            run = ReconciliationRun.of(sale.id, sale.totalStock);
            run.action = RunAction.FAILED.name();
            run.detail = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        run.durationMs = (System.nanoTime() - started) / 1_000_000;
        save(run);
        metrics.record(run);
        return run;
    }

    /**
     * A negative drift means Redis offers more units than the total leaves; while any are available
     * that oversells, so the sale is rebuilt. With none available a rebuild would change nothing (the
     * database itself holds more than the total): that is reported only, as is any positive drift.
     */
    private static boolean oversells(ReconciliationRun run) {
        return run.drift != null && run.drift < 0 && run.redisAvailable != null && run.redisAvailable > 0;
    }

    private void save(ReconciliationRun run) {
        try {
            history.record(run);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not store the reconciliation run of sale %s (action %s)", run.saleId, run.action);
        }
    }
}
