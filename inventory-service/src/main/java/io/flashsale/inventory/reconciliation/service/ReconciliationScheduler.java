package io.flashsale.inventory.reconciliation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.reconciliation.persistence.RunHistory;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Every {@code flashsale.reconciliation.interval}: triggers reconciliation, unless it is disabled, and on
 * every replica, reconciling or not, brings the per-sale gauges up to the newest stored runs.
 */
@ApplicationScoped
public class ReconciliationScheduler {

    private static final Logger LOG = Logger.getLogger(ReconciliationScheduler.class);

    private final ReconciliationService reconciliation;
    private final RunHistory history;
    private final ReconciliationMetrics metrics;

    public ReconciliationScheduler(ReconciliationService reconciliation, RunHistory history,
            ReconciliationMetrics metrics) {
        this.reconciliation = reconciliation;
        this.history = history;
        this.metrics = metrics;
    }

    @Scheduled(identity = "reconciliation", every = "${flashsale.reconciliation.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void run() {
        reconciliation.runScheduled();
    }

    @Scheduled(identity = "reconciliation-metrics", every = "${flashsale.reconciliation.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshMetrics() {
        try {
            metrics.refresh(history.latestPerSale());
        } catch (RuntimeException e) {
            // The database is down: the gauges keep the newest figures this replica knows.
            LOG.debugf("could not read the newest reconciliation runs: %s", e.toString());
        }
    }

    /** Skips the scheduled run when {@code flashsale.reconciliation.enabled} is false. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {

        private final InventoryConfig config;

        public Disabled(InventoryConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.reconciliation().enabled();
        }
    }
}
