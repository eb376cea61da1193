package io.flashsale.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The bench's report without a bench: its targets, and bench.json as Jackson writes it. */
class BenchReportTest {

    private static final Bench.Settings SETTINGS = new Bench.Settings(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(10), 64, 2, 50_000, List.of(50), false, java.nio.file.Path.of("out"), Map.of(), 10_000, 500);
    private static final Wrk.Result HTTP = wrk(10_000, "200");
    private static final Wrk.Result ACCEPT = wrk(6_000, "202");
    /** 2,000 GETs a second unverified, 1,600 verified: 125 µs of machine time more each, 0.075 of an order at 600/s. */
    private static final Wrk.Result PING_GET = wrk(20_000, "200");
    private static final Wrk.Result ME = wrk(16_000, "200");
    private static final Wrk.Result SOLD_OUT = wrk(8_000, "409:sold-out");
    /** Two seconds at 2 orders a second: 3 answered (one never), 0.5 cores in all over the 2 s for 3 orders. */
    private static final ColdStart COLD = ColdStart.of(2, new long[] {40_000_000, 10_000_000, 2_000_000, -1},
            Map.of("gateway", 0.4, "kafka", 0.35), 3);
    private static final DrainBench.Result DRAIN = new DrainBench.Result(50_000, 5, 1, 2, 4);

    @Test
    void everyTargetIsMeasuredWhenItsPhasesRan() {
        List<BenchReport.Target> targets = report(List.of(step(50, 12.0, 60.0), step(100, 30.0, 90.0))).targets();

        assertEquals(List.of("CPU per accepted order, all processes (µs)", "accept path, one gateway / HTTP ceiling",
                "sold-out path / HTTP ceiling", "drain / direct COPY", "accept p99 at 50 % load, open model (ms)",
                "202 -> persisted p99 at 50 % load (ms)"), targets.stream().map(BenchReport.Target::name).toList());
        // 100 % step: 100 orders/s, gateway 0.02 cores + order-service 0.005 = 250 us per order.
        assertEquals(List.of(250.0, 0.6, 0.8, 0.4, 12.0, 60.0),
                targets.stream().map(t -> Math.round(t.value() * 1e9) / 1e9).toList());
        assertEquals(List.of(true, true, false, false, false, true),
                targets.stream().map(BenchReport.Target::met).toList());
        assertEquals(List.of("<= 250", ">= 0.15", ">= 0.90", ">= 0.60", "< 10", "< 100"),
                targets.stream().map(BenchReport.Target::bound).toList());
    }

    @Test
    void theCpuPerOrderIsUnknownWhenAProcessWasNotMeasured() {
        Bench.Step unmeasured = new Bench.Step(1, 100, 100, 100, 1000, 0, 1, 2, 3, 10, 20,
                Map.of("gateway", 0.02, "kafka", -1.0), new Histogram(60_000_000_000L, 3));

        assertEquals(-1, BenchReport.cpuPerOrderSum(unmeasured));
    }

    @Test
    void aTargetWhoseStepDidNotRunIsLeftOut() {
        List<BenchReport.Target> targets = report(List.of(step(100, 1, 1))).targets();

        assertEquals(4, targets.size(), targets::toString);
        assertFalse(targets.stream().anyMatch(t -> t.name().contains("50 %")), targets::toString);
        assertEquals("CPU per accepted order, all processes (µs)", targets.get(0).name());
    }

    @Test
    void theJsonRoundsToTwoDecimalsAndLeavesOutWhatDidNotRun() {
        JsonNode json = new ObjectMapper().valueToTree(BenchJson.of(report(List.of(step(50, 1.23456, 2.5)))));

        assertEquals(10_000, json.path("buyerTokens").path("buyers").asInt());
        assertEquals(1000.0, json.path("httpCeiling").path("throughput").asDouble());
        assertEquals(1.23, json.path("steps").get(0).path("p99Ms").asDouble());
        assertEquals(0.02, json.path("steps").get(0).path("cpuCores").path("gateway").asDouble());
        assertEquals(9, json.path("steps").get(0).path("latencyMsByPercentile").size());
        assertTrue(json.path("acceptEveryTokenNew").has("freshTokens"));
        assertFalse(json.path("accept").has("freshTokens"));
        assertFalse(json.has("acceptTwoGateways"), "one gateway only");
        assertEquals(5, json.path("targets").size(), "no 100 % step, no CPU per order at the maximum");
        assertEquals(1600.0, json.path("me").path("throughput").asDouble());
        assertEquals(55.0, json.path("gatewayCpuMicrosPerGet").path("me").asDouble());
        assertEquals("s1", json.path("invariants").get(0).path("saleId").asText());
        assertTrue(json.path("valid").asBoolean());
    }

    @Test
    void theColdStartIsReadBySecondSent() {
        assertEquals(List.of(new ColdStart.Second(1, 2, 2, 10, 40), new ColdStart.Second(2, 2, 1, 2, 2)), COLD.seconds());
        assertEquals(0.75 * 2 * 1e6 / 3, COLD.cpuPerOrderMicros(), 1e-6);
        JsonNode json = new ObjectMapper().valueToTree(BenchJson.of(report(List.of(step(50, 1, 2)))));
        assertEquals(2, json.path("coldStart").path("seconds").size());
        assertEquals(40.0, json.path("coldStart").path("seconds").get(0).path("p99Millis").asDouble());
    }

    private static BenchReport report(List<Bench.Step> steps) {
        return new BenchReport(Instant.now(), 2, SETTINGS, 10_000, 1.5,
                new BenchReport.Measures(COLD, HTTP, new RedisCeiling.Result(50_000, 10, 0.1, 0.5, 1, 0), ACCEPT, PING_GET,
                        ME, Map.of("ping", 40.0, "me", 55.0), ACCEPT, 1000, SOLD_OUT, DRAIN, null, Map.of("accept", 0.99), steps),
                List.of(new BenchReport.SaleInvariant("s1", 10, 1, 10, 0, 0, true)), List.of());
    }

    private static Wrk.Result wrk(long requests, String outcome) {
        return new Wrk.Result(requests, 10, 1, 2, 3, 4, 0, Map.of(outcome, requests));
    }

    private static Bench.Step step(int percent, double p99Millis, double e2eP99Millis) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        h.recordValue(1_000_000);
        return new Bench.Step(1, percent, 100, 100, 1000, 0, 1, p99Millis, 3, 10, e2eP99Millis,
                new java.util.LinkedHashMap<>(Map.of("gateway", 0.02, "order", 0.005)), h);
    }
}
