package io.flashsale.tools.simulate;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.tools.pipeline.Invariants;
import io.flashsale.tools.pipeline.PipelineClient;
import io.flashsale.tools.pipeline.Tally;

/**
 * Races simulated buyers against a new sale through the real HTTP API, waits for the pipeline to
 * drain, and checks the invariants of docs/design.md §6.1 against what order-service persisted and what a
 * reconciliation run measured.
 */
public final class Simulation {

    /** What to simulate. */
    public record Settings(int users, int concurrency, int stock, int perUserLimit, int repeats, int quantity,
            Duration drainTimeout) {
        public Settings {
            require(users >= 1, "--users must be at least 1");
            require(concurrency >= 1 && concurrency <= 2000, "--concurrency must be from 1 to 2000");
            require(stock >= 1, "--stock must be at least 1");
            require(perUserLimit >= 1, "--limit must be at least 1");
            require(repeats >= 1, "--repeats must be at least 1");
            require(quantity >= 1 && quantity <= perUserLimit, "--quantity must be from 1 to --limit");
        }
    }

    private final PipelineClient client;
    private final Settings settings;
    private final PrintStream progress;

    public Simulation(PipelineClient client, Settings settings, PrintStream progress) {
        this.client = client;
        this.settings = settings;
        this.progress = progress;
    }

    public SimulationReport run() throws Exception {
        String saleId = client.createSale("sim", settings.stock(), settings.perUserLimit());
        client.warmUp(saleId, settings.concurrency());
        String[] users = requests();
        // Every buyer's token before the race, so that minting them does not slow it down.
        Arrays.stream(users).distinct().parallel().forEach(client.tokens()::buyer);
        Tally tally = new Tally(settings.quantity());
        AtomicInteger next = new AtomicInteger();

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> progress.printf("\r  %d/%d sent  %s", tally.requests(), users.length,
                tally.counts()), 1, 1, TimeUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        long started = System.nanoTime();
        try {
            for (int t = 0; t < settings.concurrency(); t++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < users.length; i = next.getAndIncrement()) {
                        tally.record(users[i], client.order(saleId, users[i], settings.quantity()));
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
        } finally {
            pool.shutdownNow();
            ticker.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.printf("\r  %d/%d sent in %.1f s; waiting for the pipeline to drain...%n", tally.requests(),
                users.length, seconds);

        JsonNode run = client.drain(saleId, tally.acceptedUnits(), settings.drainTimeout());
        Invariants invariants = Invariants.check(settings.stock(), settings.perUserLimit(), tally,
                client.persistedOrders(saleId), run);
        List<String> violations = new ArrayList<>(invariants.violations());
        long demand = (long) settings.users() * settings.perUserLimit();
        long failures = tally.count("error") + tally.unconfirmed().size();
        if (demand >= settings.stock() && failures == 0 && invariants.persistedUnits() != settings.stock()) {
            violations.add("demand covered the stock but " + invariants.persistedUnits() + " of "
                    + settings.stock() + " units were sold");
        }
        long[] sorted = tally.latencies();
        Arrays.sort(sorted);
        return new SimulationReport(saleId, settings, tally.counts(), users.length, invariants, seconds,
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, List.copyOf(violations));
    }

    /** One entry per request: the user who sends it, users × repeats, in a fixed random order. */
    private String[] requests() {
        List<String> all = new ArrayList<>(settings.users() * settings.repeats());
        for (int u = 0; u < settings.users(); u++) {
            for (int r = 0; r < settings.repeats(); r++) {
                all.add("user-" + u);
            }
        }
        Collections.shuffle(all, new Random(42));
        return all.toArray(String[]::new);
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
