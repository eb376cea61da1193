package io.flashsale.tools.simulate;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import io.flashsale.tools.pipeline.Invariants;

/** What a simulation saw, and which invariants of docs/design.md §6.1 it broke (none, one hopes). */
public record SimulationReport(String saleId, Simulation.Settings settings, Map<String, Long> outcomes, int requests,
        Invariants invariants, double seconds, double p50Millis, double p99Millis, List<String> violations) {

    public long outcome(String name) {
        return outcomes.getOrDefault(name, 0L);
    }

    public boolean ok() {
        return violations.isEmpty();
    }

    public void print(PrintStream out) {
        out.printf("sale %s: %d units, limit %d per user%n", saleId, settings.stock(), settings.perUserLimit());
        out.printf("  requests        %d (%d users x %d, concurrency %d)%n", requests, settings.users(),
                settings.repeats(), settings.concurrency());
        out.printf("  accepted (202)  %d%n", outcome("accepted"));
        out.printf("  sold out        %d%n", outcome("sold-out"));
        out.printf("  limit reached   %d%n", outcome("limit-reached"));
        long other = requests - outcome("accepted") - outcome("sold-out") - outcome("limit-reached");
        out.printf("  other / errors  %d %s%n", other, other == 0 ? "" : outcomes);
        out.printf("  persisted       %d orders, %d units%n", invariants.persistedOrders(), invariants.persistedUnits());
        out.printf("  max units/user  %d%n", invariants.maxUnitsPerUser());
        out.printf("  reconciliation  available %d, pending %d, drift %d%n", invariants.available(),
                invariants.pending(), invariants.drift());
        out.printf("  throughput      %.0f requests/s over %.2f s%n", requests / Math.max(seconds, 1e-9), seconds);
        out.printf("  latency         p50 %.1f ms, p99 %.1f ms%n", p50Millis, p99Millis);
        if (ok()) {
            out.println("  invariants      all hold");
        } else {
            violations.forEach(v -> out.println("  BROKEN          " + v));
        }
    }
}
