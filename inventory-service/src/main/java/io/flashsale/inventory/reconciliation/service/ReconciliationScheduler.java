package io.flashsale.inventory.reconciliation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import io.flashsale.inventory.config.InventoryConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/** Triggers reconciliation every {@code flashsale.reconciliation.interval}, unless it is disabled. */
@ApplicationScoped
public class ReconciliationScheduler {

    private final ReconciliationService reconciliation;

    public ReconciliationScheduler(ReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Scheduled(identity = "reconciliation", every = "${flashsale.reconciliation.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void run() {
        reconciliation.runScheduled();
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
