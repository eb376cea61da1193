package io.flashsale.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.tools.bench.Bench;
import io.flashsale.tools.bench.Wrk;

/**
 * {@code ./flashsale bench} in miniature on the shared pipeline: every phase runs, every figure
 * and target is reported, and the run is valid (nothing lost or duplicated, no errors where none
 * belong). It checks that the bench works, not how fast anything is: the figures come from the
 * command itself (docs/performance.md).
 */
class BenchIT {

    @Test
    void aShortBenchRunsEveryPhaseAndIsValid() throws Exception {
        assumeTrue(Wrk.onPath("wrk"), "wrk is not installed (Debian: apt-get install wrk); the bench cannot run");
        Path out = Repository.target().resolve("bench-test");
        Bench.Settings settings = new Bench.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), 16, 1, 2000,
                List.of(50, 100), true, out, Map.of(), 2000, 100);

        boolean valid = new Bench(Repository.root(), settings, System.out).runOn(SharedPipeline.get());

        JsonNode json = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        assertTrue(valid, () -> "the bench found problems: " + json.path("problems"));
        assertEquals(2000, json.path("buyerTokens").path("buyers").asInt(), "every order carried a buyer's token");
        assertTrue(json.path("valid").asBoolean());
        for (String phase : List.of("httpCeiling", "accept", "pingGet", "me", "soldOut", "acceptTwoGateways")) {
            assertTrue(json.path(phase).path("throughput").asDouble() > 0, phase + ": " + json.path(phase));
            assertEquals(0, json.path(phase).path("socketErrors").asLong(), phase + ": " + json.path(phase));
        }
        assertEquals(Map.of("200", json.path("httpCeiling").path("requests").asLong()),
                new ObjectMapper().convertValue(json.path("httpCeiling").path("outcomes"),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Long>>() { }));
        assertEquals(List.of("202"), fieldNames(json.path("accept").path("outcomes")));
        assertEquals(List.of("409:sold-out"), fieldNames(json.path("soldOut").path("outcomes")));
        assertTrue(json.path("redisCeiling").path("throughput").asDouble() > 0);
        assertEquals(0, json.path("redisCeiling").path("errors").asLong());
        assertEquals(2000, json.path("drain").path("rows").asInt());
        for (String rate : List.of("drainRowsPerSecond", "copyRowsPerSecond", "insertRowsPerSecond")) {
            assertTrue(json.path("drain").path(rate).asDouble() > 0, rate + ": " + json.path("drain"));
        }
        assertEquals(6, json.path("targets").size(), json.path("targets").toString());
        assertTrue(json.path("targets").get(0).path("value").asDouble() > 0, "CPU per order at the maximum: "
                + json.path("targets"));
        assertEquals(10, json.path("coldStart").path("seconds").size(), json.path("coldStart").toString());
        assertEquals(1000, json.path("coldStart").path("sent").asLong());
        assertTrue(json.path("coldStart").path("accepted").asLong() > 0, json.path("coldStart").toString());
        assertTrue(json.path("tokenCacheHits").has("me"), json.path("tokenCacheHits").toString());
        assertTrue(json.path("gatewayCpuMicrosPerGet").path("me").asDouble() > 0, json.toString());
        assertEquals(4, json.path("steps").size(), json.path("steps").toString());
        for (JsonNode step : json.path("steps")) {
            // Any step may shed a few with 503 on a shared machine: a 2-second maximum is rough, and a gateway
            // started moments before is cold. That is a speed figure, not a correctness one; the run's validity
            // (above) already refuses any answer but 202 and 503, and any order lost or counted twice.
            assertTrue(step.path("accepted").asLong() > 0, step.toString());
            assertTrue(step.path("e2eP99Ms").asDouble() > 0, step.toString());
            assertTrue(step.path("cpuCores").path("gateway").asDouble() > 0, step.toString());
        }
        assertTrue(json.path("steps").get(2).path("cpuCores").has("gateway-2"), json.path("steps").toString());
        assertTrue(json.path("invariants").size() >= 5);
        json.path("invariants").forEach(sale -> assertTrue(sale.path("holds").asBoolean(), sale.toString()));
        assertTrue(Files.readString(out.resolve("bench.html")).contains("<polyline"));
        assertTrue(SharedPipeline.get().extraGateways().isEmpty(), "the second gateway was not stopped");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
