package io.flashsale.tools.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The bench's report on the terminal: one table of every measure with its ratio, the targets, the open model. */
final class BenchTable {

    private BenchTable() {
    }

    static void print(BenchReport report, PrintStream out) {
        BenchReport.Measures m = report.measures();
        Wrk.Result http = m.http();
        out.println();
        out.println("flashsale bench: " + report.machine());
        out.println();
        out.printf("%-34s %10s %9s %9s %9s %8s %8s%n", "measure", "per s", "p50 ms", "p99 ms", "p99.9 ms", "errors",
                "ratio");
        if (http != null) {
            row(out, "HTTP ceiling (POST /api/ping)", http, http.errorsBesides("200"), 1.0);
        }
        if (m.redis() != null) {
            RedisCeiling.Result redis = m.redis();
            out.printf(Locale.ROOT, "%-34s %10.0f %9.2f %9.2f %9.2f %8d %8s%n", "Redis ceiling (EVALSHA reserve)",
                    redis.throughput(), redis.p50Millis(), redis.p99Millis(), redis.p999Millis(), redis.errors(),
                    http == null ? "" : ratio(redis.throughput() / http.throughput()));
        }
        path(out, "accept path", m.accept(), "202", http);
        path(out, "GET /api/ping, token not read", m.pingGet(), "200", http);
        path(out, "GET /api/me, token verified", m.me(), "200", http);
        path(out, "accept path, every token new", m.acceptEveryTokenNew(), "202", http);
        path(out, "sold-out path", m.soldOut(), "409:sold-out", http);
        path(out, "accept path, two gateways", m.acceptTwoGateways(), "202", http);
        if (m.drain() != null) {
            DrainBench.Result drain = m.drain();
            out.printf(Locale.ROOT, "%-34s %10.0f %9s %9s %9s %8s %8s%n", "drain Kafka -> PostgreSQL (rows)",
                    drain.drainRate(), "", "", "", "0", ratio(drain.drainRate() / drain.ceilingRate()));
            out.printf(Locale.ROOT, "%-34s %10.0f %9s %9s %9s %8s %8s%n", "direct COPY (rows)", drain.copyRate(), "",
                    "", "", "0", ratio(drain.copyRate() / drain.ceilingRate()));
            out.printf(Locale.ROOT, "%-34s %10.0f %9s %9s %9s %8s %8s%n", "direct multi-row INSERT (rows)",
                    drain.insertRate(), "", "", "", "0", ratio(drain.insertRate() / drain.ceilingRate()));
        }
        out.println("  ratios: the paths to the HTTP ceiling; the drain and direct writes to the best direct write");
        if (m.gatewayCpuMicros() != null && m.gatewayCpuMicros().size() == 2) {
            double ping = m.gatewayCpuMicros().get("ping");
            double me = m.gatewayCpuMicros().get("me");
            out.printf(Locale.ROOT, "  gateway CPU per GET: /api/ping %.0f us, /api/me %.0f us: verifying a remembered "
                    + "token costs %.0f us of gateway CPU%n", ping, me, me - ping);
        }
        if (!m.tokenCacheHits().isEmpty()) {
            StringBuilder hits = new StringBuilder("  tokens answered from the gateway's cache of verified tokens:");
            m.tokenCacheHits().forEach((phase, share) -> hits.append(String.format(Locale.ROOT, " %s %.0f %%,", phase,
                    share * 100)));
            out.println(hits.substring(0, hits.length() - 1));
        }

        out.println();
        out.printf("%-44s %10s %10s  %s%n", "target", "measured", "bound", "");
        for (BenchReport.Target t : report.targets()) {
            String beside = "";
            if (t.name().equals(BenchReport.CPU_PER_ORDER)) {
                beside = BenchReport.maximum(m, 2).map(s -> String.format(Locale.ROOT, " (two gateways: %.0f)",
                        BenchReport.cpuPerOrderSum(s))).orElse("");
            }
            out.printf(Locale.ROOT, "%-44s %10.2f %10s  %s%s%n", t.name(), t.value(), t.bound(),
                    t.met() ? "met" : "MISSED", beside);
        }
        BenchReport.verificationShare(m).ifPresent(share -> out.printf(Locale.ROOT,
                "  token verification: %.3f of an accepted order's cost (issue 9's bound: <= 0.10)%n", share));

        for (int gateways = 1; gateways <= 2; gateways++) {
            List<Bench.Step> of = report.steps(gateways);
            if (!of.isEmpty()) {
                steps(out, gateways, of);
            }
        }
        if (m.cold() != null) {
            cold(out, m.cold());
        }

        out.println();
        long broken = report.invariants().stream().filter(i -> !i.holds()).count();
        out.printf("invariants: %d sales drained; %s%n", report.invariants().size(), broken == 0
                ? "every unit answered 202 is persisted, no more than were in flight at cut-off, nothing pending, drift 0"
                : broken + " broken");
        if (report.valid()) {
            out.println("result: VALID");
        } else {
            out.println("result: INVALID");
            report.problems().forEach(p -> out.println("  - " + p));
        }
    }

    private static void steps(PrintStream out, int gateways, List<Bench.Step> of) {
        out.println();
        out.printf("open model, %d gateway%s: latency from the intended send time; CPU in cores%n", gateways,
                gateways == 1 ? "" : "s");
        StringBuilder head = new StringBuilder(String.format("%5s %8s %8s %8s %8s %9s %7s %8s %8s", "load",
                "rate/s", "202/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "e2e p50", "e2e p99"));
        of.get(0).cores().keySet().forEach(name -> head.append(String.format(" %9s", shortName(name))));
        out.println(head);
        for (Bench.Step s : of) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "%4d%% %8d %8.0f %8.2f %8.2f %9.2f %7d %8.1f %8.1f", s.percent(), s.rate(), s.throughput(),
                    s.p50Millis(), s.p99Millis(), s.p999Millis(), s.errors(), s.e2eP50Millis(), s.e2eP99Millis()));
            s.cores().values().forEach(c -> line.append(String.format(Locale.ROOT, " %9.2f", c)));
            out.println(line);
        }
        Bench.Step top = of.get(of.size() - 1);
        StringBuilder perOrder = new StringBuilder(String.format(Locale.ROOT,
                "CPU per accepted order at %d %% (microseconds):", top.percent()));
        BenchReport.cpuPerOrder(top).forEach((name, micros) -> perOrder.append(String.format(Locale.ROOT, " %s %.0f",
                name, micros)));
        out.println(perOrder);
    }

    private static void cold(PrintStream out, ColdStart cold) {
        out.println();
        out.printf(Locale.ROOT, "cold start: %d orders/s for the first %d s after start, no warm-up, every token new to "
                + "the gateway; %d of %d answered 202%n", cold.rate(), cold.seconds().size(), cold.accepted(), cold.sent());
        StringBuilder head = new StringBuilder(String.format("%-12s", "second"));
        StringBuilder p50 = new StringBuilder(String.format("%-12s", "p50 ms"));
        StringBuilder p99 = new StringBuilder(String.format("%-12s", "p99 ms"));
        for (ColdStart.Second second : cold.seconds()) {
            head.append(String.format(Locale.ROOT, " %7d", second.second()));
            p50.append(String.format(Locale.ROOT, " %7.1f", second.p50Millis()));
            p99.append(String.format(Locale.ROOT, " %7.1f", second.p99Millis()));
        }
        out.println(head);
        out.println(p50);
        out.println(p99);
        StringBuilder cores = new StringBuilder("CPU in cores:");
        cold.cores().forEach((name, c) -> cores.append(String.format(Locale.ROOT, " %s %.2f", shortName(name), c)));
        out.printf(Locale.ROOT, "%s; per accepted order, all processes: %.0f us%n", cores, cold.cpuPerOrderMicros());
    }

    /** A path's row, its ratio to the HTTP ceiling; nothing when the phase did not run. */
    private static void path(PrintStream out, String name, Wrk.Result r, String expected, Wrk.Result http) {
        if (r != null) {
            row(out, name, r, r.errorsBesides(expected), r.throughput() / http.throughput());
        }
    }

    private static void row(PrintStream out, String name, Wrk.Result r, long errors, double ratio) {
        out.printf(Locale.ROOT, "%-34s %10.0f %9.2f %9.2f %9.2f %8d %8s%n", name, r.throughput(), r.p50Millis(),
                r.p99Millis(), r.p999Millis(), errors, ratio(ratio));
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String shortName(String name) {
        return name.length() > 9 ? name.substring(0, 9) : name;
    }
}
