package io.flashsale.inventory.dashboard.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.flashsale.contract.SaleState;
import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.dashboard.service.DashboardFrame;
import io.flashsale.inventory.dashboard.service.SaleCard;
import io.flashsale.inventory.reconciliation.persistence.ReconciliationRun;
import io.flashsale.inventory.reconciliation.service.RunView;
import io.flashsale.inventory.reconciliation.service.DriftMeasure;
import io.flashsale.inventory.redis.ReconciliationRedis;
import io.flashsale.inventory.redis.SaleSnapshot;
import io.flashsale.inventory.sale.persistence.Sale;
import io.flashsale.inventory.sale.service.SaleService;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Samples every sale once per {@code flashsale.dashboard.interval} while anybody watches the dashboard,
 * and hands the frame to the {@link DashboardFeed}: one Redis snapshot and one read of the order tables
 * per sale, however many pages are open. It only reads; the reconciliation run does the repairs.
 *
 * <p>A sale ENDED longer ago than the history window is not sampled: it shows its newest run.
 */
@ApplicationScoped
public class DashboardSampler {

    private static final Logger LOG = Logger.getLogger(DashboardSampler.class);

    private final InventoryConfig config;
    private final SaleService sales;
    private final LatestRuns runs;
    private final ReconciliationRedis redis;
    private final DriftMeasure measure;
    private final DashboardFeed feed;
    private DashboardFrame previous;

    public DashboardSampler(InventoryConfig config, SaleService sales, LatestRuns runs, ReconciliationRedis redis,
            DriftMeasure measure, DashboardFeed feed) {
        this.config = config;
        this.sales = sales;
        this.runs = runs;
        this.redis = redis;
        this.measure = measure;
        this.feed = feed;
    }

    @Scheduled(identity = "dashboard", every = "${flashsale.dashboard.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Unwatched.class)
    void run() {
        previous = sample(Instant.now());
        feed.publish(previous);
    }

    DashboardFrame sample(Instant now) {
        List<Sale> all;
        Map<String, ReconciliationRun> newest;
        try {
            all = sales.list();
            newest = runs.refresh();
        } catch (RuntimeException e) {
            LOG.debugf("dashboard: cannot read the sales: %s", e.toString());
            List<SaleCard> stale = previous == null ? List.of()
                    : previous.sales().stream().map(SaleCard::notLive).toList();
            return frame(now, describe(e), stale);
        }
        List<SaleCard> cards = new ArrayList<>(all.size());
        // After one failure (Redis or the database down), the other sales are not tried: each try could
        // take a whole client timeout.
        String failure = null;
        for (Sale sale : all) {
            RunView run = newest.containsKey(sale.id) ? RunView.of(newest.get(sale.id)) : null;
            if (failure == null && sampled(sale, now)) {
                try {
                    cards.add(live(sale, run));
                    continue;
                } catch (RuntimeException e) {
                    failure = describe(e);
                    LOG.debugf("dashboard: cannot sample sale %s: %s", sale.id, e.toString());
                }
            }
            cards.add(SaleCard.fromRun(sale, null, run, failure));
        }
        return frame(now, null, cards);
    }

    private SaleCard live(Sale sale, RunView run) {
        SaleSnapshot snapshot = redis.snapshot(sale.id);
        if (snapshot.keysMissing()) {
            return SaleCard.fromRun(sale, snapshot.state(), run,
                    "Redis holds no counters for this sale; the next reconciliation run rebuilds them");
        }
        return SaleCard.live(sale, snapshot.state(), measure.figures(sale, snapshot), run);
    }

    private boolean sampled(Sale sale, Instant now) {
        return sale.state != SaleState.ENDED || sale.updatedAt.isAfter(now.minus(config.dashboard().history()));
    }

    private DashboardFrame frame(Instant at, String error, List<SaleCard> cards) {
        return new DashboardFrame(at, config.dashboard().interval().toMillis(), config.dashboard().history().toMillis(),
                error, cards);
    }

    private static String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Skips the sampling while nobody is subscribed to the dashboard stream. */
    @Singleton
    public static class Unwatched implements Scheduled.SkipPredicate {

        private final DashboardFeed feed;

        public Unwatched(DashboardFeed feed) {
            this.feed = feed;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !feed.watched();
        }
    }
}
