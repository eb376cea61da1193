package io.flashsale.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.tools.pipeline.Invariants;
import io.flashsale.tools.pipeline.PipelineClient;
import io.flashsale.tools.pipeline.Tally;
import io.flashsale.tools.soak.SteadyLoad;

/**
 * One fault under a steady load of orders (docs/design.md §7.1): a sale of its own, the load, the fault, the
 * wait until orders are accepted again, the drain, and the invariants of §6 checked against every answer the
 * clients got; the figures go to system-tests/target/fault-report.md.
 */
final class FaultRun {

    static final int STOCK = 100_000;
    static final int LIMIT = 2;
    static final int USERS = 3000;
    static final int RATE = 40;
    static final int WORKERS = 8;
    static final Duration OUTAGE = Duration.ofSeconds(15);
    static final Duration RECOVERY = Duration.ofSeconds(120);

    /** A fault, given the running load. */
    interface Fault {
        void inject(SteadyLoad load) throws Exception;
    }

    /** A fault that does not need the load. */
    interface SimpleFault {
        void inject() throws Exception;
    }

    private final PipelineClient client;

    FaultRun(PipelineClient client) {
        this.client = client;
    }

    Tally run(String name, SimpleFault fault) throws Exception {
        return run(name, load -> fault.inject());
    }

    /**
     * Opens a sale, starts the load, waits for orders to flow, injects the fault, waits until
     * orders are accepted again, stops the load, lets the pipeline drain, and checks the invariants.
     */
    Tally run(String name, Fault fault) throws Exception {
        String saleId = client.createSale("fault", STOCK, LIMIT);
        client.warmUp(saleId, WORKERS);
        SteadyLoad load = SteadyLoad.start(client, saleId, WORKERS, RATE, USERS);
        Tally tally;
        try {
            await("orders flow before the fault").atMost(Duration.ofSeconds(30))
                    .until(() -> load.tally().count("accepted") >= 40);
            fault.inject(load);
            long acceptedAfterFault = load.tally().count("accepted");
            await("orders are accepted again after " + name).atMost(RECOVERY)
                    .until(() -> load.tally().count("accepted") >= acceptedAfterFault + 40);
        } finally {
            tally = load.stop();
        }
        JsonNode run = client.drain(saleId, tally.acceptedUnits(), RECOVERY);
        Invariants invariants = Invariants.check(STOCK, LIMIT, tally, client.persistedOrders(saleId), run);
        FaultReport.record(name, tally, invariants);
        assertTrue(invariants.hold(), () -> name + ": " + String.join("; ", invariants.violations()));
        return tally;
    }

    /** Holds the outage and returns the answers to requests sent and answered entirely within it. */
    static List<PipelineClient.Outcome> answersDuringOutage(SteadyLoad load) {
        long started = System.nanoTime();
        hold(OUTAGE);
        return answersBetween(load, started, System.nanoTime());
    }

    /** The answers to requests sent after {@code started} and answered before {@code ended} (System.nanoTime). */
    static List<PipelineClient.Outcome> answersBetween(SteadyLoad load, long started, long ended) {
        List<PipelineClient.Outcome> between = new ArrayList<>();
        for (PipelineClient.Outcome o : load.tally().outcomes()) {
            if (o.startNanos() > started && o.endNanos() < ended) {
                between.add(o);
            }
        }
        return between;
    }

    /** Keeps a fault in place for a while: the outage itself, not a wait for something to happen. */
    static void hold(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }
}
