package io.flashsale.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.tools.bench.OpenLoad;
import io.flashsale.tools.pipeline.Invariants;
import io.flashsale.tools.pipeline.Pipeline;
import io.flashsale.tools.pipeline.PipelineClient;
import io.flashsale.tools.pipeline.Tally;

/**
 * An open-loop load at about twice what the pipeline can take: the gateway sheds the excess with
 * 503 instead of queueing it, the answered requests keep a bounded p99, the gateway's heap stays
 * bounded, and once the load stops everything is healthy and reconciles to drift 0.
 */
class OverloadIT {

    private static final int STOCK = 10_000_000;
    /** Buyers whose tokens the load cycles through: at 5,000 orders/s, each buyer orders once a second. */
    private static final int BUYERS = 5_000;

    @Test
    void twiceTheCapacityIsShedNotQueued() throws Exception {
        Pipeline pipeline = SharedPipeline.get();
        PipelineClient client = SharedPipeline.client();
        // No buyer's limit holds anyone back: a pool of buyers orders again and again, each order a reservation.
        String saleId = client.createSale("overload", STOCK, STOCK);
        client.warmUp(saleId, 64);
        List<String> buyers = pipeline.tokens().buyers("overload-", BUYERS);
        java.util.stream.IntStream.range(0, BUYERS).parallel().forEach(i -> client.tokens().buyer("probe-" + i));

        // A cold pipeline takes a fraction of what it takes once the JIT has compiled its paths: warm it
        // first, or "twice the capacity" is measured on a cold one and is no overload at all.
        OpenLoad.Result warm = OpenLoad.run(pipeline.gateway().url(), saleId, 300, Duration.ofSeconds(10), 5000,
                buyers);
        // Capacity: what 256 clients that each wait for their answer get through in 5 s.
        Tally probe = closedLoop(client, saleId, 256, Duration.ofSeconds(5));
        double capacity = probe.count("accepted") / 5.0;
        int rate = (int) Math.max(200, Math.min(5000, 2 * capacity));

        OpenLoad.Result overload = OpenLoad.run(pipeline.gateway().url(), saleId, rate, Duration.ofSeconds(30), 5000,
                buyers);
        long[] latencies = overload.latenciesNanos();
        double p99 = latencies.length == 0 ? 0 : latencies[(int) (latencies.length * 0.99) - 1] / 1e6;
        System.out.printf("overload: capacity ~%.0f/s, offered %d/s for 30 s: %s, client-dropped %d, p99 %.0f ms%n",
                capacity, rate, overload.statuses(), overload.dropped(), p99);

        assertTrue(overload.status(202) > 0, "nothing was accepted: " + overload.statuses());
        assertTrue(overload.status(503) > 0, "nothing was shed: " + overload.statuses());
        // A request the gateway takes waits at most its worst case (redis-timeout + ack-timeout = 5 s); the
        // latency counts from the intended send time, so it also holds the time a request waited for one of
        // the generator's connections while the gateway was slow to answer: 3 s more is allowed for that.
        assertTrue(p99 < 8_000, "p99 of answered requests " + p99 + " ms");
        assertEquals(0, overload.status(0), () -> "requests failed without an answer: " + overload.statuses());
        long heap = client.liveHeap("gateway-service");
        assertTrue(heap > 0 && heap < 400L * 1024 * 1024, "gateway heap: " + heap + " bytes");

        await("the gateway is ready again").atMost(Duration.ofSeconds(30)).until(pipeline.gateway()::healthy);
        Tally tally = new Tally(1);
        probe.accepted().keySet().forEach(id -> tally.record(id, new PipelineClient.Outcome("accepted", 202, id, 0, 0)));
        probe.unconfirmed().forEach(id -> tally.record(id, new PipelineClient.Outcome("unconfirmed", 503, id, 0, 0)));
        warm.acceptedOrderIds().forEach(id -> tally.record(id, new PipelineClient.Outcome("accepted", 202, id, 0, 0)));
        warm.unconfirmedOrderIds().forEach(id -> tally.record(id, new PipelineClient.Outcome("unconfirmed", 503, id, 0, 0)));
        overload.acceptedOrderIds().forEach(id -> tally.record(id, new PipelineClient.Outcome("accepted", 202, id, 0, 0)));
        // A 503 that names its order (a Redis or Kafka answer that came too late): it may be persisted.
        overload.unconfirmedOrderIds().forEach(id -> tally.record(id, new PipelineClient.Outcome("unconfirmed", 503, id, 0, 0)));
        JsonNode run = client.drain(saleId, tally.acceptedUnits(), Duration.ofSeconds(120));
        Invariants invariants = Invariants.check(STOCK, STOCK, tally, client.persistedOrders(saleId), run);
        FaultReport.record("overload 2x for 30 s", tally, invariants);
        assertTrue(invariants.hold(), String.join("; ", invariants.violations()));
    }

    private static Tally closedLoop(PipelineClient client, String saleId, int clients, Duration duration)
            throws InterruptedException {
        Tally tally = new Tally(1);
        long end = System.nanoTime() + duration.toNanos();
        java.util.concurrent.atomic.AtomicInteger users = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String user = "probe-" + users.incrementAndGet() % BUYERS;
                    tally.record(user, client.order(saleId, user, 1));
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, java.util.concurrent.TimeUnit.SECONDS);
        return tally;
    }
}
