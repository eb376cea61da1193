package io.flashsale.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** What a simulation saw, and which invariants of DESIGN §6 it broke (none, one hopes). */
record SimulationReport(String saleId, Simulation.Settings settings, Map<String, Long> outcomes, int requests,
        long acceptedOrders, long persistedOrders, long persistedUnits, long maxUnitsPerUser, long available,
        long pending, long drift, double seconds, double p50Millis, double p99Millis, List<String> violations) {

    static SimulationReport of(String saleId, Simulation.Settings settings, Map<String, Long> outcomes,
            Map<String, String> accepted, Set<String> unconfirmed, List<Simulation.Persisted> persisted,
            JsonNode run, long[] latencies, double seconds) {
        List<String> violations = new ArrayList<>();
        Map<String, Long> unitsPerUser = new HashMap<>();
        Set<String> persistedIds = new HashSet<>();
        long units = 0;
        for (Simulation.Persisted order : persisted) {
            if (!persistedIds.add(order.orderId())) {
                violations.add("order " + order.orderId() + " persisted twice");
            }
            units += order.quantity();
            unitsPerUser.merge(order.userId(), (long) order.quantity(), Long::sum);
        }
        long maxPerUser = unitsPerUser.values().stream().mapToLong(Long::longValue).max().orElse(0);
        int total = settings.stock();

        if (units > total) {
            violations.add("oversold: " + units + " units persisted of " + total);
        }
        if (maxPerUser > settings.perUserLimit()) {
            violations.add("a user holds " + maxPerUser + " units; the limit is " + settings.perUserLimit());
        }
        Set<String> lost = new HashSet<>(accepted.keySet());
        lost.removeAll(persistedIds);
        if (!lost.isEmpty()) {
            violations.add(lost.size() + " order(s) answered 202 were not persisted, e.g. " + lost.iterator().next());
        }
        Set<String> unexplained = new HashSet<>(persistedIds);
        unexplained.removeAll(accepted.keySet());
        unexplained.removeAll(unconfirmed);
        if (!unexplained.isEmpty()) {
            violations.add(unexplained.size() + " persisted order(s) were never answered 202 or 503-unconfirmed");
        }
        long drift = run.path("drift").asLong();
        long available = run.path("redisAvailable").asLong();
        long pending = run.path("pending").asLong();
        if (drift != 0) {
            violations.add("reconciliation drift is " + drift);
        }
        if (pending != 0) {
            violations.add(pending + " unit(s) still pending after the drain timeout");
        }
        if (available + units != total) {
            violations.add("available " + available + " + persisted " + units + " != total " + total);
        }
        long demand = (long) settings.users() * settings.perUserLimit();
        long failures = outcomes.getOrDefault("error", 0L) + unconfirmed.size();
        if (demand >= total && failures == 0 && units != total) {
            violations.add("demand covered the stock but " + units + " of " + total + " units were sold");
        }
        long[] sorted = Simulation.sorted(latencies);
        return new SimulationReport(saleId, settings, outcomes, latencies.length, accepted.size(), persisted.size(),
                units, maxPerUser, available, pending, drift, seconds,
                Simulation.percentile(sorted, 0.50) / 1e6, Simulation.percentile(sorted, 0.99) / 1e6,
                List.copyOf(violations));
    }

    long outcome(String name) {
        return outcomes.getOrDefault(name, 0L);
    }

    boolean ok() {
        return violations.isEmpty();
    }

    void print(PrintStream out) {
        out.printf("sale %s: %d units, limit %d per user%n", saleId, settings.stock(), settings.perUserLimit());
        out.printf("  requests        %d (%d users x %d, concurrency %d)%n", requests, settings.users(),
                settings.repeats(), settings.concurrency());
        out.printf("  accepted (202)  %d%n", outcome("accepted"));
        out.printf("  sold out        %d%n", outcome("sold-out"));
        out.printf("  limit reached   %d%n", outcome("limit-reached"));
        long other = requests - outcome("accepted") - outcome("sold-out") - outcome("limit-reached");
        out.printf("  other / errors  %d %s%n", other, other == 0 ? "" : outcomes);
        out.printf("  persisted       %d orders, %d units%n", persistedOrders, persistedUnits);
        out.printf("  max units/user  %d%n", maxUnitsPerUser);
        out.printf("  reconciliation  available %d, pending %d, drift %d%n", available, pending, drift);
        out.printf("  throughput      %.0f requests/s over %.2f s%n", requests / Math.max(seconds, 1e-9), seconds);
        out.printf("  latency         p50 %.1f ms, p99 %.1f ms%n", p50Millis, p99Millis);
        if (ok()) {
            out.println("  invariants      all hold");
        } else {
            violations.forEach(v -> out.println("  BROKEN          " + v));
        }
    }
}
