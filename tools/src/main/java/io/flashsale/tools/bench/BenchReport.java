package io.flashsale.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The bench's figures: one table on the terminal with every ratio and target, the same as JSON,
 * and an HTML page charting the latency distributions of the open-model steps.
 */
final class BenchReport {

    /** A target: a measured value, the bound it must meet, and whether it does. */
    record Target(String name, double value, String bound, boolean met) {
    }

    private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};

    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Bench.Step> steps = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<Map<String, Object>> invariants = new ArrayList<>();
    private List<String> problems = List.of();
    private Wrk.Result http;
    private RedisCeiling.Result redis;
    private Wrk.Result accept;
    private Wrk.Result soldOut;
    private Wrk.Result acceptTwo;
    private Wrk.Result acceptFirstSight;
    private final Map<String, Double> tokenCacheHits = new LinkedHashMap<>();
    private DrainBench.Result drain;
    private String machine;

    /** The buyers' tokens every order carried: how many, and what minting them cost before the measures. */
    void tokens(int buyers, double mintSeconds) {
        machine += String.format(Locale.ROOT, "; every order carries a buyer's RS256 access token (%d buyers, "
                + "minted in %.1f s before the measures)", buyers, mintSeconds);
        json.put("buyerTokens", Map.of("buyers", buyers, "mintSeconds", round(mintSeconds)));
    }

    void machine(int cores, Bench.Settings settings) {
        machine = String.format(Locale.ROOT,
                "%d cores, %d connections (wrk, %d threads), %d s warm-up and %d s per phase, %d s per step", cores,
                settings.connections(), settings.wrkThreads(), settings.warmUp().toSeconds(),
                settings.phase().toSeconds(), settings.step().toSeconds());
        json.put("when", Instant.now().toString());
        json.put("cores", cores);
        json.put("connections", settings.connections());
        json.put("warmUpSeconds", settings.warmUp().toSeconds());
        json.put("phaseSeconds", settings.phase().toSeconds());
        json.put("stepSeconds", settings.step().toSeconds());
        json.put("environment", settings.environment());
        if (!settings.environment().isEmpty()) {
            machine += "; with " + settings.environment();
        }
    }

    void http(Wrk.Result r) {
        http = r;
        json.put("httpCeiling", wrk(r));
    }

    void redis(RedisCeiling.Result r) {
        redis = r;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("throughput", round(r.throughput()));
        m.put("p50Ms", round(r.p50Millis()));
        m.put("p99Ms", round(r.p99Millis()));
        m.put("p999Ms", round(r.p999Millis()));
        m.put("calls", r.calls());
        m.put("errors", r.errors());
        json.put("redisCeiling", m);
    }

    void accept(Wrk.Result r) {
        accept = r;
        json.put("accept", wrk(r));
    }

    void soldOut(Wrk.Result r) {
        soldOut = r;
        json.put("soldOut", wrk(r));
    }

    /** The accept path with a token the gateway has never seen on every order: none answered from its cache. */
    void acceptFirstSight(Wrk.Result r, int tokens) {
        acceptFirstSight = r;
        Map<String, Object> m = wrk(r);
        m.put("freshTokens", tokens);
        json.put("acceptEveryTokenNew", m);
    }

    /** The share of a phase's tokens the gateway answered from its cache of verified tokens. */
    void tokenCacheHits(String phase, double share) {
        tokenCacheHits.put(phase, share);
        json.put("tokenCacheHits", tokenCacheHits);
    }

    void acceptTwo(Wrk.Result r) {
        acceptTwo = r;
        json.put("acceptTwoGateways", wrk(r));
    }

    void drain(DrainBench.Result r) {
        drain = r;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", r.rows());
        m.put("drainRowsPerSecond", round(r.drainRate()));
        m.put("drainSeconds", round(r.drainSeconds()));
        m.put("publishSeconds", round(r.publishSeconds()));
        m.put("copyRowsPerSecond", round(r.copyRate()));
        m.put("insertRowsPerSecond", round(r.insertRate()));
        json.put("drain", m);
    }

    void step(Bench.Step s) {
        steps.add(s);
    }

    void invariant(String saleId, long accepted, long unseen, long persisted, long pending, long drift,
            boolean holds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("saleId", saleId);
        m.put("answered202", accepted);
        m.put("inFlightAtCutOff", unseen);
        m.put("persistedUnits", persisted);
        m.put("pending", pending);
        m.put("drift", drift);
        m.put("holds", holds);
        invariants.add(m);
    }

    void problems(List<String> problems) {
        this.problems = List.copyOf(problems);
    }

    List<Target> targets() {
        targets.clear();
        if (http != null && accept != null) {
            double ratio = accept.throughput() / http.throughput();
            targets.add(new Target("accept throughput / HTTP ceiling", ratio, ">= 0.50", ratio >= 0.5));
        }
        if (http != null && soldOut != null) {
            double ratio = soldOut.throughput() / http.throughput();
            targets.add(new Target("sold-out throughput / HTTP ceiling", ratio, ">= 0.90", ratio >= 0.9));
        }
        Bench.Step half = steps.stream().filter(s -> s.gateways() == 1 && s.percent() == 50).findFirst().orElse(null);
        if (half != null) {
            targets.add(new Target("accept p99 at 50 % load, open model (ms)", half.p99Millis(), "< 10",
                    half.p99Millis() < 10));
        }
        if (drain != null) {
            double ratio = drain.drainRate() / drain.ceilingRate();
            targets.add(new Target("drain / direct batched insert", ratio, ">= 0.50", ratio >= 0.5));
        }
        if (half != null) {
            targets.add(new Target("202 -> persisted p99 at 50 % load (ms)", half.e2eP99Millis(), "< 500",
                    half.e2eP99Millis() < 500));
        }
        return targets;
    }

    void print(PrintStream out) {
        out.println();
        out.println("flashsale bench: " + machine);
        out.println();
        out.printf("%-34s %10s %9s %9s %9s %8s %8s%n", "measure", "per s", "p50 ms", "p99 ms", "p99.9 ms", "errors",
                "ratio");
        if (http != null) {
            row(out, "HTTP ceiling (POST /api/ping)", http, http.errorsBesides("200"), 1.0);
        }
        if (redis != null) {
            out.printf(Locale.ROOT, "%-34s %10.0f %9.2f %9.2f %9.2f %8d %8s%n", "Redis ceiling (EVALSHA reserve)",
                    redis.throughput(), redis.p50Millis(), redis.p99Millis(), redis.p999Millis(), redis.errors(),
                    http == null ? "" : ratio(redis.throughput() / http.throughput()));
        }
        if (accept != null) {
            row(out, "accept path", accept, accept.errorsBesides("202"), accept.throughput() / http.throughput());
        }
        if (acceptFirstSight != null) {
            row(out, "accept path, every token new", acceptFirstSight, acceptFirstSight.errorsBesides("202"),
                    acceptFirstSight.throughput() / http.throughput());
        }
        if (soldOut != null) {
            row(out, "sold-out path", soldOut, soldOut.errorsBesides("409:sold-out"),
                    soldOut.throughput() / http.throughput());
        }
        if (acceptTwo != null) {
            row(out, "accept path, two gateways", acceptTwo, acceptTwo.errorsBesides("202"),
                    acceptTwo.throughput() / http.throughput());
        }
        if (drain != null) {
            out.printf(Locale.ROOT, "%-34s %10.0f %9s %9s %9s %8s %8s%n", "drain Kafka -> PostgreSQL (rows)",
                    drain.drainRate(), "", "", "", "0", ratio(drain.drainRate() / drain.ceilingRate()));
            out.printf(Locale.ROOT, "%-34s %10.0f %9s %9s %9s %8s %8s%n", "direct COPY (rows)", drain.copyRate(), "",
                    "", "", "0", ratio(drain.copyRate() / drain.ceilingRate()));
            out.printf(Locale.ROOT, "%-34s %10.0f %9s %9s %9s %8s %8s%n", "direct multi-row INSERT (rows)",
                    drain.insertRate(), "", "", "", "0", ratio(drain.insertRate() / drain.ceilingRate()));
        }
        out.println("  ratios: the paths to the HTTP ceiling; the drain and direct writes to the best direct write");
        if (!tokenCacheHits.isEmpty()) {
            StringBuilder hits = new StringBuilder("  tokens answered from the gateway's cache of verified tokens:");
            tokenCacheHits.forEach((phase, share) -> hits.append(String.format(Locale.ROOT, " %s %.0f %%,", phase,
                    share * 100)));
            out.println(hits.substring(0, hits.length() - 1));
        }

        out.println();
        out.printf("%-44s %10s %10s  %s%n", "target", "measured", "bound", "");
        for (Target t : targets()) {
            out.printf(Locale.ROOT, "%-44s %10.2f %10s  %s%n", t.name(), t.value(), t.bound(),
                    t.met() ? "met" : "MISSED");
        }

        for (int gateways = 1; gateways <= 2; gateways++) {
            int g = gateways;
            List<Bench.Step> of = steps.stream().filter(s -> s.gateways() == g).toList();
            if (of.isEmpty()) {
                continue;
            }
            out.println();
            out.printf("open model, %d gateway%s: latency from the intended send time; CPU in cores%n", g,
                    g == 1 ? "" : "s");
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
            cpuPerOrder(top).forEach((name, micros) -> perOrder.append(String.format(Locale.ROOT, " %s %.0f", name,
                    micros)));
            out.println(perOrder);
        }

        out.println();
        long broken = invariants.stream().filter(m -> !Boolean.TRUE.equals(m.get("holds"))).count();
        out.printf("invariants: %d sales drained; %s%n", invariants.size(), broken == 0
                ? "every unit answered 202 is persisted, no more than were in flight at cut-off, nothing pending, drift 0"
                : broken + " broken");
        if (problems.isEmpty()) {
            out.println("result: VALID");
        } else {
            out.println("result: INVALID");
            problems.forEach(p -> out.println("  - " + p));
        }
    }

    Path writeJson(Path file) throws IOException {
        json.put("targets", targets().stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("value", round(t.value()));
            m.put("bound", t.bound());
            m.put("met", t.met());
            return m;
        }).toList());
        json.put("steps", steps.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("gateways", s.gateways());
            m.put("percent", s.percent());
            m.put("rate", s.rate());
            m.put("throughput", round(s.throughput()));
            m.put("accepted", s.accepted());
            m.put("errors", s.errors());
            m.put("p50Ms", round(s.p50Millis()));
            m.put("p99Ms", round(s.p99Millis()));
            m.put("p999Ms", round(s.p999Millis()));
            m.put("e2eP50Ms", round(s.e2eP50Millis()));
            m.put("e2eP99Ms", round(s.e2eP99Millis()));
            Map<String, Object> cores = new LinkedHashMap<>();
            s.cores().forEach((k, v) -> cores.put(k, round(v)));
            m.put("cpuCores", cores);
            Map<String, Object> perOrder = new LinkedHashMap<>();
            cpuPerOrder(s).forEach((k, v) -> perOrder.put(k, round(v)));
            m.put("cpuMicrosPerOrder", perOrder);
            Map<String, Object> distribution = new LinkedHashMap<>();
            for (double p : PERCENTILES) {
                distribution.put(Double.toString(p), round(s.histogram().getValueAtPercentile(p) / 1e6));
            }
            m.put("latencyMsByPercentile", distribution);
            return m;
        }).toList());
        json.put("invariants", invariants);
        json.put("valid", problems.isEmpty());
        json.put("problems", problems);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        return file;
    }

    /** Latency by percentile of each open-model step, as HdrHistogram plots it: x is 1/(1 − percentile). */
    Path writeHtml(Path file) throws IOException {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>flashsale bench</title>
                <style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}svg{background:#fff}
                text{font-size:11px}.axis{stroke:#999}.grid{stroke:#eee}</style></head><body>
                <h1>flashsale bench</h1>
                """);
        html.append("<p>").append(escape(machine)).append(" &mdash; ").append(Instant.now()).append("</p>\n");
        html.append("<p>Latency of every answered order from its intended send time (open model), by percentile.</p>\n");
        for (int gateways = 1; gateways <= 2; gateways++) {
            int g = gateways;
            List<Bench.Step> of = steps.stream().filter(s -> s.gateways() == g).toList();
            if (!of.isEmpty()) {
                html.append("<h2>").append(g).append(g == 1 ? " gateway" : " gateways").append("</h2>\n");
                html.append(chart(of));
            }
        }
        html.append("</body></html>\n");
        Files.writeString(file, html);
        return file;
    }

    private static String chart(List<Bench.Step> steps) {
        int width = 760;
        int height = 380;
        int left = 60;
        int bottom = 40;
        double maxX = Math.log10(1 / (1 - 0.9999));
        double maxMs = steps.stream().mapToDouble(s -> s.histogram().getValueAtPercentile(99.99) / 1e6).max()
                .orElse(1);
        double top = Math.log10(Math.max(1, maxMs) * 2);
        double bottomMs = -1; // 0.1 ms
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">%n", width + 260, height));
        String[] colours = {"#1f77b4", "#2ca02c", "#ff7f0e", "#d62728", "#9467bd", "#8c564b"};
        for (double ms = 0.1; ms <= Math.pow(10, top); ms *= 10) {
            double y = (height - bottom) - (Math.log10(ms) - bottomMs) / (top - bottomMs) * (height - bottom - 10);
            svg.append(String.format(Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/><text x=\"4\" y=\"%.1f\">%s ms</text>%n",
                    left, y, left + width, y, y + 4, ms < 1 ? "0.1" : String.format(Locale.ROOT, "%.0f", ms)));
        }
        String[] labels = {"0", "90", "99", "99.9", "99.99"};
        for (int i = 0; i < labels.length; i++) {
            double x = left + i / maxX * width;
            svg.append(String.format(Locale.ROOT,
                    "<line class=\"grid\" x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\">%s %%</text>%n",
                    x, x, height - bottom, x - 10, height - bottom + 16, labels[i]));
        }
        for (int i = 0; i < steps.size(); i++) {
            Bench.Step s = steps.get(i);
            Histogram h = s.histogram();
            StringBuilder points = new StringBuilder();
            for (double q = 0; q <= 0.9999; q = q < 0.9 ? q + 0.05 : 1 - (1 - q) / 1.25) {
                double ms = Math.max(0.1, h.getValueAtPercentile(q * 100) / 1e6);
                double x = left + Math.log10(1 / (1 - q)) / maxX * width;
                double y = (height - bottom) - (Math.log10(ms) - bottomMs) / (top - bottomMs) * (height - bottom - 10);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String colour = colours[i % colours.length];
            svg.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, points));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" fill=\"%s\">%d %% (%d/s): p99 %.1f ms</text>%n", left + width + 8,
                    20 + 16 * i, colour, s.percent(), s.rate(), s.p99Millis()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">percentile</text>%n", left + width / 2,
                height - 4));
        return svg.append("</svg>\n").toString();
    }

    /** CPU time each process spent per accepted order during a step, in microseconds. */
    static Map<String, Double> cpuPerOrder(Bench.Step step) {
        Map<String, Double> micros = new LinkedHashMap<>();
        step.cores().forEach((name, cores) -> micros.put(name,
                step.throughput() <= 0 || cores < 0 ? -1 : cores * 1e6 / step.throughput()));
        return micros;
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

    private static Map<String, Object> wrk(Wrk.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("throughput", round(r.throughput()));
        m.put("requests", r.requests());
        m.put("seconds", round(r.seconds()));
        m.put("p50Ms", round(r.p50Millis()));
        m.put("p99Ms", round(r.p99Millis()));
        m.put("p999Ms", round(r.p999Millis()));
        m.put("maxMs", round(r.maxMillis()));
        m.put("socketErrors", r.socketErrors());
        m.put("outcomes", r.outcomes());
        return m;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
