package io.flashsale.tools.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** What the clients of a sale were told: outcomes by kind, the orders answered 202, and those left unconfirmed. */
public final class Tally {

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<PipelineClient.Outcome> all = new ConcurrentLinkedQueue<>();
    private final int quantity;

    public Tally(int quantity) {
        this.quantity = quantity;
    }

    public void record(String userId, PipelineClient.Outcome outcome) {
        outcomes.computeIfAbsent(outcome.kind(), k -> new LongAdder()).increment();
        all.add(outcome);
        if (outcome.status() == 202) {
            accepted.put(outcome.orderId(), userId);
        } else if (outcome.orderId() != null) {
            // A 503 that names an order: reserved, its publication not confirmed. It may be persisted.
            unconfirmed.add(outcome.orderId());
        }
    }

    /** Outcome counts, a copy. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public long count(String kind) {
        LongAdder adder = outcomes.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    public long requests() {
        return all.size();
    }

    public Map<String, String> accepted() {
        return accepted;
    }

    public Set<String> unconfirmed() {
        return unconfirmed;
    }

    public long acceptedUnits() {
        return (long) accepted.size() * quantity;
    }

    /** Every answer, in completion order. */
    public Iterable<PipelineClient.Outcome> outcomes() {
        return all;
    }

    public long[] latencies() {
        return all.stream().mapToLong(PipelineClient.Outcome::nanos).toArray();
    }
}
