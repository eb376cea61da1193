package io.flashsale.tools.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * What one bench run measured, as it measured it: the table on the terminal ({@link BenchTable}),
 * {@code bench.json} ({@link BenchJson}) and the HTML chart ({@link BenchChart}) are made from it.
 *
 * @param started     when the run started
 * @param cores       the machine's cores
 * @param buyers      the buyers whose tokens the orders carried
 * @param mintSeconds what minting their tokens took, before anything was measured
 * @param invariants  each sale the bench ordered from, drained and checked
 * @param problems    what makes the run invalid; none for a valid run
 */
record BenchReport(Instant started, int cores, Bench.Settings settings, int buyers, double mintSeconds,
        Measures measures, List<SaleInvariant> invariants, List<String> problems) {

    /**
     * The phases, in the order they run ({@code cold}: the first seconds on services just started); a phase that did not run is null ({@code acceptTwoGateways} with
     * one gateway). {@code tokenCacheHits}: the share of each phase's tokens the gateway answered from its
     * cache of verified tokens. {@code pingGet} and {@code me}: the same GETs with the buyers' tokens, to
     * {@code /api/ping} (the token not read) and to {@code /api/me} (the token verified), run in turns;
     * {@code gatewayCpuMicros}: the gateway's CPU per request of each ("ping", "me").
     */
    record Measures(ColdStart cold, Wrk.Result http, RedisCeiling.Result redis, Wrk.Result accept, Wrk.Result pingGet,
            Wrk.Result me, Map<String, Double> gatewayCpuMicros, Wrk.Result acceptEveryTokenNew, int freshTokens, Wrk.Result soldOut, DrainBench.Result drain,
            Wrk.Result acceptTwoGateways, Map<String, Double> tokenCacheHits, List<Bench.Step> steps) {
    }

    /** One sale after the drain: units answered 202, those in flight at cut-off, what is persisted. */
    record SaleInvariant(String saleId, long answered202, long inFlightAtCutOff, long persistedUnits,
            long pending, long drift, boolean holds) {
    }

    /** A target: a measured value, the bound it must meet, and whether it does. */
    record Target(String name, double value, String bound, boolean met) {
    }

    /** The first target's name; the table prints the two-gateway figure beside it. */
    static final String CPU_PER_ORDER = "CPU per accepted order, all processes (µs)";

    /** A target to check: what it measures (nothing when the phase did not run) and its bound. */
    private record Goal(String name, String bound, DoublePredicate met, Function<Measures, Optional<Double>> measure) {
    }

    /** Issue 12's targets, in its order: the CPU an accepted order costs first, then the ratios and latencies. */
    private static final List<Goal> GOALS = List.of(
            new Goal(CPU_PER_ORDER, "<= 250", v -> v <= 250, m -> maximum(m, 1).map(BenchReport::cpuPerOrderSum)),
            new Goal("accept path, one gateway / HTTP ceiling", ">= 0.15", v -> v >= 0.15,
                    m -> ratioToHttp(m, m.accept())),
            new Goal("sold-out path / HTTP ceiling", ">= 0.90", v -> v >= 0.9,
                    m -> ratioToHttp(m, m.soldOut())),
            new Goal("drain / direct COPY", ">= 0.60", v -> v >= 0.6,
                    m -> Optional.ofNullable(m.drain()).map(d -> d.drainRate() / d.copyRate())),
            new Goal("accept p99 at 50 % load, open model (ms)", "< 10", v -> v < 10,
                    m -> halfLoad(m).map(Bench.Step::p99Millis)),
            new Goal("202 -> persisted p99 at 50 % load (ms)", "< 100", v -> v < 100,
                    m -> halfLoad(m).map(Bench.Step::e2eP99Millis)));

    boolean valid() {
        return problems.isEmpty();
    }

    /** Every target whose phase ran, measured. */
    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (Goal goal : GOALS) {
            goal.measure().apply(measures).ifPresent(value -> targets.add(new Target(goal.name(), value, goal.bound(),
                    goal.met().test(value))));
        }
        return targets;
    }

    /** The open-model steps run with {@code gateways} gateways. */
    List<Bench.Step> steps(int gateways) {
        return measures.steps().stream().filter(s -> s.gateways() == gateways).toList();
    }

    /** The run's conditions, in one line: the machine, the load, the configuration, the tokens. */
    String machine() {
        String machine = String.format(Locale.ROOT,
                "%d cores, %d connections (wrk, %d threads), %d s warm-up and %d s per phase, %d s per step", cores,
                settings.connections(), settings.wrkThreads(), settings.warmUp().toSeconds(),
                settings.phase().toSeconds(), settings.step().toSeconds());
        if (!settings.environment().isEmpty()) {
            machine += "; with " + settings.environment();
        }
        return machine + String.format(Locale.ROOT, "; every order carries a buyer's RS256 access token (%d buyers, "
                + "minted in %.1f s before the measures)", buyers, mintSeconds);
    }

    /** CPU time each process spent per accepted order during a step, in microseconds; -1 where unknown. */
    static Map<String, Double> cpuPerOrder(Bench.Step step) {
        Map<String, Double> micros = new LinkedHashMap<>();
        step.cores().forEach((name, cores) -> micros.put(name,
                step.throughput() <= 0 || cores < 0 ? -1 : cores * 1e6 / step.throughput()));
        return micros;
    }

    /** The CPU of every process measured, summed, per accepted order of a step, in microseconds; -1 where unknown. */
    static double cpuPerOrderSum(Bench.Step step) {
        double sum = 0;
        for (double micros : cpuPerOrder(step).values()) {
            if (micros < 0) {
                return -1;
            }
            sum += micros;
        }
        return sum;
    }

    /** The open-model step at 100 % of the maximum with {@code gateways} gateways, if it ran. */
    static Optional<Bench.Step> maximum(Measures m, int gateways) {
        return m.steps().stream().filter(s -> s.gateways() == gateways && s.percent() == 100).findFirst();
    }

    /**
     * The share of an accepted order's cost that verifying its token takes: the machine time a verified GET
     * takes more than the same GET unverified ({@code 1/me - 1/ping}, both saturating the machine), against
     * the machine time of one accepted order ({@code 1/accept}). Within 10 % means the accept path keeps at
     * least 0.9 of the ratio it would have without verification.
     */
    static Optional<Double> verificationShare(Measures m) {
        if (m.accept() == null || m.pingGet() == null || m.me() == null) {
            return Optional.empty();
        }
        double extraSeconds = 1 / m.me().throughput() - 1 / m.pingGet().throughput();
        return Optional.of(extraSeconds * m.accept().throughput());
    }

    private static Optional<Double> ratioToHttp(Measures m, Wrk.Result path) {
        return m.http() == null || path == null ? Optional.empty()
                : Optional.of(path.throughput() / m.http().throughput());
    }

    private static Optional<Bench.Step> halfLoad(Measures m) {
        return m.steps().stream().filter(s -> s.gateways() == 1 && s.percent() == 50).findFirst();
    }
}
