package io.flashsale.inventory.sale.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.inventory.sale.messaging.SaleDirectory;
import io.flashsale.inventory.sale.persistence.Sale;
import io.quarkus.scheduler.Scheduled;

/** Publishes the sales the directory has not acknowledged yet ({@link SaleDirectory}), on a fresh process all. */
@ApplicationScoped
public class SaleDirectorySweep {

    private final SaleService sales;
    private final SaleDirectory directory;

    public SaleDirectorySweep(SaleService sales, SaleDirectory directory) {
        this.sales = sales;
        this.directory = directory;
    }

    @Scheduled(identity = "sales-directory", every = "${flashsale.sales.directory-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        directory.publishMissing(sales.list().stream().map(sale -> sale.id).toList());
    }

    /** A sale just created, announced at once rather than at the next sweep. */
    public void created(Sale sale) {
        directory.publish(sale.id);
    }
}
