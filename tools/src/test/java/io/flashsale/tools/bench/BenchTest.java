package io.flashsale.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The bench's own logic, without a pipeline: the invariant it checks after the drain, wrk's figures, the
 * CPU meter. The bench itself runs in miniature in system-tests ({@code BenchIT}).
 */
class BenchTest {

    @Test
    void theInvariantAllowsOnlyTheOrdersInFlightAtCutOff() {
        assertTrue(Bench.holds(100, 16, 100, 0, 0));
        assertTrue(Bench.holds(100, 16, 116, 0, 0));
        assertFalse(Bench.holds(100, 16, 99, 0, 0), "an order answered 202 is missing");
        assertFalse(Bench.holds(100, 16, 117, 0, 0), "more persisted than could have been accepted");
        assertFalse(Bench.holds(100, 16, 100, 1, 0), "still pending");
        assertFalse(Bench.holds(100, 16, 100, 0, -1), "drift");
    }

    @Test
    void wrkFiguresAreParsedAndErrorsCounted() throws Exception {
        Wrk.Result r = Wrk.parse("{\"requests\":1000,\"durationMicros\":2000000,\"p50Micros\":1500,\"p99Micros\":9000,"
                + "\"p999Micros\":12000,\"maxMicros\":15000,\"socketErrors\":3,"
                + "\"outcomes\":{\"202\":990,\"503:overloaded\":10}}");
        assertEquals(500.0, r.throughput(), 1e-9);
        assertEquals(9.0, r.p99Millis(), 1e-9);
        assertEquals(13, r.errorsBesides("202"));
        assertEquals(3, r.errorsBesides("202", "503:overloaded"));
    }

    @Test
    void cpuIsReadForALiveProcessOnly() {
        assumeTrue(CpuMeter.available(), "no /proc here");
        assertTrue(CpuMeter.processTicks(ProcessHandle.current().pid()) > 0);
        assertEquals(-1, CpuMeter.processTicks(Long.MAX_VALUE));
    }
}
