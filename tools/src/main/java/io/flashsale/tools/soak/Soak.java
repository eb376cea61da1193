package io.flashsale.tools.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.stack.RespConnection;
import io.flashsale.tools.pipeline.Invariants;
import io.flashsale.tools.pipeline.PipelineClient;
import io.flashsale.tools.pipeline.Tally;

/**
 * Minutes of steady load, then the drain and the invariants, with the figures that show whether
 * anything grows without bound: each service's live heap after GC, and Redis memory.
 */
final class Soak {

    /** What to run. */
    record Settings(Duration duration, int rate, int workers, int users) {
    }

    private final PipelineClient client;
    private final Settings settings;
    private final int redisPort;
    private final PrintStream out;

    Soak(PipelineClient client, Settings settings, int redisPort, PrintStream out) {
        this.client = client;
        this.settings = settings;
        this.redisPort = redisPort;
        this.out = out;
    }

    boolean run() throws Exception {
        // Stock that never runs out and a limit no user reaches: every request is a real reservation.
        int stock = 10_000_000;
        int limit = 1_000_000;
        String saleId = client.createSale("soak", stock, limit);
        client.warmUp(saleId, settings.workers());
        // Every buyer's token before the load, so that minting them does not slow its first minute down.
        java.util.stream.IntStream.range(0, settings.users()).parallel().forEach(u -> client.tokens().buyer("user-" + u));
        Map<String, Long> heapAtStart = heaps();
        long redisAtStart = redisMemory();
        out.printf("soak of sale %s: %d orders/s for %s from %d users%n", saleId, settings.rate(),
                settings.duration(), settings.users());
        long started = System.nanoTime();
        SteadyLoad load = SteadyLoad.start(client, saleId, settings.workers(), settings.rate(), settings.users());
        Tally tally;
        try {
            long end = started + settings.duration().toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(30_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                out.printf("  %4.0f s  %d requests  %s  redis %s%n", (System.nanoTime() - started) / 1e9,
                        load.tally().requests(), load.tally().counts(), mib(redisMemory()));
            }
        } finally {
            tally = load.stop();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonNode run = client.drain(saleId, tally.acceptedUnits(), Duration.ofMinutes(3));
        Invariants invariants = Invariants.check(stock, limit, tally, client.persistedOrders(saleId), run);
        Map<String, Long> heapAtEnd = heaps();
        long redisAtEnd = redisMemory();

        out.printf("requests      %d (%.0f/s)%n", tally.requests(), tally.requests() / seconds);
        out.printf("202s          %d%n", tally.count("accepted"));
        out.printf("persisted     %d%n", invariants.persistedOrders());
        out.printf("lost          %d%n", invariants.lost());
        out.printf("duplicates    %d%n", invariants.duplicates());
        out.printf("drift         %d%n", invariants.drift());
        out.printf("outcomes      %s%n", tally.counts());
        heapAtStart.forEach((service, start) -> out.printf("heap after GC %-18s %s -> %s%n", service, mib(start),
                mib(heapAtEnd.getOrDefault(service, -1L))));
        out.printf("redis memory  %s -> %s%n", mib(redisAtStart), mib(redisAtEnd));
        if (invariants.hold()) {
            out.println("invariants    all hold");
        } else {
            invariants.violations().forEach(v -> out.println("BROKEN        " + v));
        }
        return invariants.hold();
    }

    /** Each service's heap that survived collection ({@link PipelineClient#liveHeap}). */
    private Map<String, Long> heaps() {
        Map<String, Long> heaps = new LinkedHashMap<>();
        for (String service : java.util.List.of("gateway-service", "order-service", "inventory-service")) {
            heaps.put(service, client.liveHeap(service));
        }
        return heaps;
    }

    /** used_memory from Redis INFO, or -1 when the Redis port is unknown. */
    private long redisMemory() {
        if (redisPort <= 0) {
            return -1;
        }
        try {
            for (String line : String.valueOf(RespConnection.once(redisPort, "INFO", "memory")).split("\r\n")) {
                if (line.startsWith("used_memory:")) {
                    return Long.parseLong(line.substring("used_memory:".length()).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.1f MiB", bytes / 1048576.0);
    }
}
