package io.flashsale.tools.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code bench.json}: the report's figures, rounded to two decimals, as Jackson writes these records (their
 * components in order; a phase that did not run is left out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BenchJson(String when, int cores, int connections, long warmUpSeconds, long phaseSeconds, long stepSeconds,
        Map<String, String> environment, BuyerTokens buyerTokens, Cold coldStart, ClosedLoop httpCeiling, Redis redisCeiling,
        ClosedLoop accept, ClosedLoop pingGet, ClosedLoop me, Map<String, Double> gatewayCpuMicrosPerGet,
        Map<String, Double> tokenCacheHits, ClosedLoop acceptEveryTokenNew, ClosedLoop soldOut,
        Drain drain, ClosedLoop acceptTwoGateways, List<Target> targets, List<Step> steps,
        List<BenchReport.SaleInvariant> invariants, boolean valid, List<String> problems) {

    private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record BuyerTokens(int buyers, double mintSeconds) {
    }

    /** A wrk phase; {@code freshTokens} only where every order carried a token new to the gateway. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClosedLoop(double throughput, long requests, double seconds, double p50Ms, double p99Ms, double p999Ms,
            double maxMs, long socketErrors, Map<String, Long> outcomes, Integer freshTokens) {

        static ClosedLoop of(Wrk.Result r, Integer freshTokens) {
            return r == null ? null : new ClosedLoop(round(r.throughput()), r.requests(), round(r.seconds()),
                    round(r.p50Millis()), round(r.p99Millis()), round(r.p999Millis()), round(r.maxMillis()),
                    r.socketErrors(), r.outcomes(), freshTokens);
        }
    }

    record Redis(double throughput, double p50Ms, double p99Ms, double p999Ms, long calls, long errors) {

        static Redis of(RedisCeiling.Result r) {
            return r == null ? null : new Redis(round(r.throughput()), round(r.p50Millis()), round(r.p99Millis()),
                    round(r.p999Millis()), r.calls(), r.errors());
        }
    }

    /** The cold-start phase: each second's latency, the CPU over it. */
    record Cold(int rate, long sent, long accepted, double cpuMicrosPerOrder, Map<String, Double> cpuCores,
            List<ColdStart.Second> seconds) {

        static Cold of(ColdStart c) {
            if (c == null) {
                return null;
            }
            Map<String, Double> cores = new LinkedHashMap<>();
            c.cores().forEach((k, v) -> cores.put(k, round(v)));
            return new Cold(c.rate(), c.sent(), c.accepted(), round(c.cpuPerOrderMicros()), cores, c.seconds().stream()
                    .map(s -> new ColdStart.Second(s.second(), s.sent(), s.answered(), round(s.p50Millis()),
                            round(s.p99Millis())))
                    .toList());
        }
    }

    record Drain(int rows, double drainRowsPerSecond, double drainSeconds, double publishSeconds,
            double copyRowsPerSecond, double insertRowsPerSecond) {

        static Drain of(DrainBench.Result r) {
            return r == null ? null : new Drain(r.rows(), round(r.drainRate()), round(r.drainSeconds()),
                    round(r.publishSeconds()), round(r.copyRate()), round(r.insertRate()));
        }
    }

    record Target(String name, double value, String bound, boolean met) {

        static Target of(BenchReport.Target t) {
            return new Target(t.name(), round(t.value()), t.bound(), t.met());
        }
    }

    /** An open-model step; the latency distribution by percentile ("99.9") in ms, as the chart draws it. */
    record Step(int gateways, int percent, int rate, double throughput, long accepted, long errors, double p50Ms,
            double p99Ms, double p999Ms, double e2eP50Ms, double e2eP99Ms, Map<String, Double> cpuCores,
            Map<String, Double> cpuMicrosPerOrder, Map<String, Double> latencyMsByPercentile) {

        static Step of(Bench.Step s) {
            Map<String, Double> distribution = new LinkedHashMap<>();
            for (double p : PERCENTILES) {
                distribution.put(Double.toString(p), round(s.histogram().getValueAtPercentile(p) / 1e6));
            }
            return new Step(s.gateways(), s.percent(), s.rate(), round(s.throughput()), s.accepted(), s.errors(),
                    round(s.p50Millis()), round(s.p99Millis()), round(s.p999Millis()), round(s.e2eP50Millis()),
                    round(s.e2eP99Millis()), rounded(s.cores()), rounded(BenchReport.cpuPerOrder(s)), distribution);
        }
    }

    static BenchJson of(BenchReport report) {
        Bench.Settings settings = report.settings();
        BenchReport.Measures m = report.measures();
        return new BenchJson(report.started().toString(), report.cores(), settings.connections(),
                settings.warmUp().toSeconds(), settings.phase().toSeconds(), settings.step().toSeconds(),
                settings.environment(), new BuyerTokens(report.buyers(), round(report.mintSeconds())), Cold.of(m.cold()),
                ClosedLoop.of(m.http(), null), Redis.of(m.redis()), ClosedLoop.of(m.accept(), null),
                ClosedLoop.of(m.pingGet(), null), ClosedLoop.of(m.me(), null),
                m.gatewayCpuMicros() == null ? null : rounded(m.gatewayCpuMicros()), m.tokenCacheHits(), ClosedLoop.of(m.acceptEveryTokenNew(), m.freshTokens()),
                ClosedLoop.of(m.soldOut(), null), Drain.of(m.drain()), ClosedLoop.of(m.acceptTwoGateways(), null),
                report.targets().stream().map(Target::of).toList(), m.steps().stream().map(Step::of).toList(),
                report.invariants(), report.valid(), report.problems());
    }

    /** Writes the report's JSON to {@code file}. */
    static Path write(BenchReport report, Path file) throws IOException {
        JSON.writeValue(file.toFile(), of(report));
        return file;
    }

    private static Map<String, Double> rounded(Map<String, Double> values) {
        Map<String, Double> rounded = new LinkedHashMap<>();
        values.forEach((k, v) -> rounded.put(k, round(v)));
        return rounded;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
