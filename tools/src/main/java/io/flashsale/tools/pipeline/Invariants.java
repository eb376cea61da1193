package io.flashsale.tools.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The invariants of docs/design.md §6.1 for one sale after the pipeline has drained, checked against what
 * clients were told, what order-service persisted, and what reconciliation measured.
 */
public record Invariants(long persistedOrders, long persistedUnits, long maxUnitsPerUser, long available, long pending,
        long drift, long lost, long duplicates, List<String> violations) {

    public static Invariants check(int total, int perUserLimit, Tally tally, List<PipelineClient.Persisted> persisted,
            JsonNode run) {
        List<String> violations = new ArrayList<>();
        Map<String, Long> unitsPerUser = new HashMap<>();
        Set<String> persistedIds = new HashSet<>();
        long units = 0;
        long duplicates = 0;
        for (PipelineClient.Persisted order : persisted) {
            if (!persistedIds.add(order.orderId())) {
                duplicates++;
            }
            units += order.quantity();
            unitsPerUser.merge(order.userId(), (long) order.quantity(), Long::sum);
        }
        long maxPerUser = unitsPerUser.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (duplicates > 0) {
            violations.add(duplicates + " order(s) persisted more than once");
        }
        if (units > total) {
            violations.add("oversold: " + units + " units persisted of " + total);
        }
        if (maxPerUser > perUserLimit) {
            violations.add("a user holds " + maxPerUser + " units; the limit is " + perUserLimit);
        }
        Set<String> lost = new HashSet<>(tally.accepted().keySet());
        lost.removeAll(persistedIds);
        if (!lost.isEmpty()) {
            violations.add(lost.size() + " order(s) answered 202 were not persisted, e.g. " + lost.iterator().next());
        }
        Set<String> unexplained = new HashSet<>(persistedIds);
        unexplained.removeAll(tally.accepted().keySet());
        unexplained.removeAll(tally.unconfirmed());
        if (!unexplained.isEmpty()) {
            violations.add(unexplained.size() + " persisted order(s) were never answered 202 or 503 with their id");
        }
        long drift = run == null ? Long.MIN_VALUE : run.path("drift").asLong(Long.MIN_VALUE);
        long available = run == null ? -1 : run.path("redisAvailable").asLong(-1);
        long pending = run == null ? -1 : run.path("pending").asLong(-1);
        if (drift != 0) {
            violations.add("reconciliation drift is " + (run == null ? "unknown (no run)" : run.path("drift")));
        }
        if (pending != 0) {
            violations.add(pending + " unit(s) still pending after the drain");
        }
        if (available + units != total) {
            violations.add("available " + available + " + persisted " + units + " != total " + total);
        }
        return new Invariants(persistedIds.size(), units, maxPerUser, available, pending, drift, lost.size(),
                duplicates, List.copyOf(violations));
    }

    public boolean hold() {
        return violations.isEmpty();
    }
}
