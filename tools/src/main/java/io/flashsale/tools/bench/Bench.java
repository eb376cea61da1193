package io.flashsale.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.stack.PostgresServer;
import io.flashsale.stack.Server;
import io.flashsale.tools.Api;
import io.flashsale.tools.pipeline.Pipeline;
import io.flashsale.tools.pipeline.PipelineClient;
import io.flashsale.tools.pipeline.PipelineOptions;
import io.flashsale.tools.pipeline.ServiceServer;

/**
 * {@code ./flashsale bench}: on a stack of its own, measures the ceilings (the gateway's HTTP stack
 * answering a constant, the reserve script straight at Redis, rows written straight into
 * PostgreSQL) and the pipeline's paths against them, in the same run on the same machine, so that
 * every figure can be read as a ratio. Then latency and CPU under an open model from 10 % to 100 %
 * of the measured maximum, with one gateway and with two. Finally every sale is drained and the
 * invariants checked: a run that lost, duplicated or oversold anything, or met errors where none
 * belong, is invalid.
 */
public final class Bench {

    /** What to run. */
    /** {@code coldRate}: orders a second of the cold-start phase, the first of the run; 0 for none. */
    public record Settings(Duration warmUp, Duration phase, Duration step, int connections, int wrkThreads, int drainOrders,
            List<Integer> steps, boolean twoGateways, Path out, Map<String, String> environment, int buyers,
            int coldRate) {
    }

    /** How long the cold-start phase lasts: the first seconds of a sale, which matter most. */
    static final Duration COLD = Duration.ofSeconds(10);

    /** Where the load comes from: every client of the bench is this machine. */
    static final String LOAD_ADDRESS = "127.0.0.1";
    /**
     * The buyer's bucket of the bench's gateways, which its Redis ceiling takes too: still taken on every
     * order, never empty. The pool's few thousand tokens stand for a crowd far larger, each of whom would stay
     * under the default 5/s; at the sold-out path's tens of thousands of answers a second a pool of 2,000 would
     * send 10 a second each and meet 429, which measures the pool, not the path.
     */
    static final String BUYER_RATE = Pipeline.LOCAL_ADDRESS_RATE;
    static final String BUYER_BURST = Pipeline.LOCAL_ADDRESS_RATE;
    /** The address bucket of a local stack (Pipeline): taken on every order, never empty. */
    static final String ADDRESS_RATE = Pipeline.LOCAL_ADDRESS_RATE;
    static final String ADDRESS_BURST = Pipeline.LOCAL_ADDRESS_RATE;

    /**
     * What the bench's services run with, under what {@code --env} adds: the buyer's rate limit lifted
     * ({@link #BUYER_RATE}). A pipeline the bench is run on ({@link #runOn}) must have been started with it.
     */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "FLASHSALE_RATE_LIMIT_BUYER_RATE", BUYER_RATE, "FLASHSALE_RATE_LIMIT_BUYER_BURST", BUYER_BURST);

    /** One load step of the open model. */
    record Step(int gateways, int percent, int rate, double throughput, long accepted, long errors, double p50Millis,
            double p99Millis, double p999Millis, double e2eP50Millis, double e2eP99Millis, Map<String, Double> cores,
            Histogram histogram) {
    }

    private static final int MAX_IN_FLIGHT = 4096;

    private final Settings settings;
    private final PrintStream out;
    private final Path home;
    /**
     * Per sale: units answered 202, and how many more may have been accepted without the client
     * seeing the answer (wrk stops with up to one request in flight per connection; an open-model
     * 503 that names its order may still complete).
     */
    private final Map<String, long[]> acceptedUnits = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    /** The buyers' tokens the load cycles through (their bucket never empties: {@link #ENVIRONMENT}). */
    private List<String> buyers = List.of();

    public Bench(Path home, Settings settings, PrintStream out) {
        this.home = home;
        this.settings = settings;
        this.out = out;
    }

    /** @return whether the run is valid (targets may still be missed: the report says which) */
    public boolean run() throws Exception {
        Wrk.requireInstalled();
        Path stackDir = settings.out().resolve("stack");
        out.println("starting a stack of its own in " + stackDir + " ...");
        Map<String, String> environment = new LinkedHashMap<>(ENVIRONMENT);
        environment.putAll(settings.environment());
        try (Pipeline pipeline = Pipeline.start(PipelineOptions.ephemeral(home, stackDir)
                .withEnvironment(environment))) {
            return runOn(pipeline);
        }
    }

    /** Runs on a pipeline someone else started (the tests' shared one); stops the gateways it adds. */
    public boolean runOn(Pipeline pipeline) throws Exception {
        Files.createDirectories(settings.out());
        PipelineClient client = pipeline.client();
        Instant started = Instant.now();
        int cores = Runtime.getRuntime().availableProcessors();
        progress("minting the access tokens of %d buyers", settings.buyers());
        long minting = System.nanoTime();
        buyers = pipeline.tokens().buyers("bench-buyer-", settings.buyers());
        double mintSeconds = (System.nanoTime() - minting) / 1e9;
        Wrk wrk = Wrk.create(settings.out(), settings.wrkThreads(), settings.connections(), buyers);
        BenchReport.Measures measures;
        try {
            measures = measure(pipeline, client, wrk);
        } finally {
            pipeline.stopExtraGateways();
        }
        List<BenchReport.SaleInvariant> invariants = checkInvariants(client);
        BenchReport report = new BenchReport(started, cores, settings, buyers.size(), mintSeconds, measures,
                invariants, List.copyOf(problems));
        BenchTable.print(report, out);
        Path json = BenchJson.write(report, settings.out().resolve("bench.json"));
        Path html = BenchChart.write(report, settings.out().resolve("bench.html"));
        out.println("written: " + json + " and " + html);
        return report.valid();
    }

    /**
     * The invariant of one sale after the drain: every unit answered 202 is persisted, no more than
     * that plus the requests whose answer the client never saw, nothing pending, drift 0.
     */
    static boolean holds(long answered, long unseen, long persisted, long pending, long drift) {
        return persisted >= answered && persisted <= answered + unseen && pending == 0 && drift == 0;
    }

    private BenchReport.Measures measure(Pipeline pipeline, PipelineClient client, Wrk wrk) throws Exception {
        Map<String, Double> tokenCacheHits = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        String gateway = pipeline.gateway().url();
        Duration phase = settings.phase();
        // The services start cold: C2 compiles the hot paths only after tens of thousands of requests,
        // and a path measured before that runs several times slower than it will.
        Duration warm = settings.warmUp();

        ColdStart cold = settings.coldRate() > 0 ? coldStart(pipeline, client, gateway) : null;

        progress("HTTP ceiling: POST /api/ping, %d connections, %d s", wrk.connections(), phase.toSeconds());
        wrk.run(gateway + "/api/ping", warm, "warm-ping");
        Wrk.Result http = wrk.run(gateway + "/api/ping", phase, "ping");
        expectOnly("HTTP ceiling", http, "200");

        progress("Redis ceiling: EVALSHA reserve straight at Redis, %d connections, %d s", wrk.connections(),
                phase.toSeconds());
        RedisCeiling.Result redis = RedisCeiling.run(pipeline.stack().redis().port(), RedisCeiling.reserveScript(),
                wrk.connections(), phase);
        if (redis.errors() > 0) {
            problems.add("Redis ceiling: " + redis.errors() + " calls were not ACCEPTED");
        }

        progress("accept path: the pool's buyers ordering one unit at a time, %d s", phase.toSeconds());
        String acceptSale = sale(client, "bench-accept", 10_000_000);
        accepted(acceptSale, expectOnly("accept warm-up", wrk.run(orders(gateway, acceptSale), warm, "warm"), "202"),
                wrk.connections());
        double[] cacheBefore = tokenCache(pipeline.gateway());
        Wrk.Result accept = wrk.run(orders(gateway, acceptSale), phase, "accept");
        accepted(acceptSale, expectOnly("accept path", accept, "202"), wrk.connections());
        tokenCacheHits.put("accept", hitShare(cacheBefore, tokenCache(pipeline.gateway())));

        // What verifying a token costs a request, in this run: the same GET with the same tokens, to an endpoint
        // that does not read the token and to one that verifies it (from the cache, as the accept path did),
        // each warmed first, then alternating so that the machine's drift falls on both alike.
        Duration half = Duration.ofSeconds(Math.max(1, phase.toSeconds() / 2));
        progress("token verification: GET /api/ping (token not read) and GET /api/me (verified), 2 x %d s each",
                half.toSeconds());
        Wrk gets = wrk.gets();
        String ping = gateway + "/api/ping";
        String meUrl = gateway + "/api/me";
        gets.run(ping, half, "ping-get-warm");
        gets.run(meUrl, half, "me-warm");
        Wrk.Result pingGet = null;
        Wrk.Result me = null;
        double[] gatewayCpuSeconds = new double[2];
        cacheBefore = tokenCache(pipeline.gateway());
        for (int round = 0; round < 2; round++) {
            String pingRun = "ping-get" + round;
            String meRun = "me" + round;
            Wrk.Result p = withGatewayCpu(pipeline, () -> gets.run(ping, half, pingRun), gatewayCpuSeconds, 0);
            Wrk.Result v = withGatewayCpu(pipeline, () -> gets.run(meUrl, half, meRun), gatewayCpuSeconds, 1);
            pingGet = pingGet == null ? p : pingGet.then(p);
            me = me == null ? v : me.then(v);
        }
        expectOnly("GET /api/ping", pingGet, "200");
        expectOnly("GET /api/me", me, "200");
        tokenCacheHits.put("me", hitShare(cacheBefore, tokenCache(pipeline.gateway())));
        Map<String, Double> gatewayCpuMicros = new LinkedHashMap<>();
        gatewayCpuMicros.put("ping", gatewayCpuSeconds[0] * 1e6 / pingGet.requests());
        gatewayCpuMicros.put("me", gatewayCpuSeconds[1] * 1e6 / me.requests());

        // A token per order that the gateway has never seen: every one verified against the keys. Enough of
        // them for the phase at half again the rate just measured; if wrk runs through them, it starts over.
        int fresh = (int) Math.min(200_000, Math.max(1000, accept.throughput() * phase.toSeconds() * 1.5));
        progress("accept path, every token new: minting %d buyers' tokens, then %d s", fresh, phase.toSeconds());
        Wrk firstSight = wrk.withTokens(pipeline.tokens().buyers("bench-new-", fresh), "new-buyer-tokens.txt");
        cacheBefore = tokenCache(pipeline.gateway());
        Wrk.Result accept1 = firstSight.run(orders(gateway, acceptSale), phase, "first-sight");
        accepted(acceptSale, expectOnly("accept path, every token new", accept1, "202"), wrk.connections());
        tokenCacheHits.put("every-token-new", hitShare(cacheBefore, tokenCache(pipeline.gateway())));

        progress("sold-out path: the same load on a sold-out sale, %d s", phase.toSeconds());
        String soldOutSale = sale(client, "bench-soldout", 1);
        PipelineClient.Outcome last = client.order(soldOutSale, "the-only-buyer", 1);
        if (last.status() != 202) {
            throw new IllegalStateException("the one unit of the sold-out sale was refused: " + last.kind());
        }
        accepted(soldOutSale, 1, 0);
        expectOnly("sold-out warm-up", wrk.run(orders(gateway, soldOutSale), warm, "warm"), "409:sold-out");
        cacheBefore = tokenCache(pipeline.gateway());
        Wrk.Result soldOut = wrk.run(orders(gateway, soldOutSale), phase, "soldout");
        expectOnly("sold-out path", soldOut, "409:sold-out");
        tokenCacheHits.put("sold-out", hitShare(cacheBefore, tokenCache(pipeline.gateway())));

        progress("waiting until the accept path's %d orders are persisted", acceptedUnits.get(acceptSale)[0]);
        awaitPersisted(pipeline, acceptSale, acceptedUnits.get(acceptSale)[0], Duration.ofMinutes(3));

        progress("drain: %d orders published straight to Kafka, then the same rows by COPY and by INSERT",
                settings.drainOrders());
        DrainBench.Result drain = new DrainBench(pipeline.stack().kafkaBootstrapServers(),
                pipeline.stack().postgres().jdbcUrl(), PostgresServer.USER).run(settings.drainOrders(),
                        pipeline.orders(), Duration.ofMinutes(3));

        double max = accept.throughput();
        warmOpenLoad(client, List.of(gateway), max, "open-warm1");
        steps.addAll(steps(pipeline, client, List.of(gateway), max, 1));

        Wrk.Result two = null;
        if (settings.twoGateways()) {
            progress("starting a second gateway on the same Redis, Kafka and order-service");
            ServiceServer second = pipeline.addGateway();
            List<String> both = List.of(gateway, second.url());
            String twoSale = sale(client, "bench-accept2", 10_000_000);
            accepted(twoSale, expectOnly("second gateway warm-up", wrk.run(orders(second.url(), twoSale), warm, "warm2"),
                    "202"), wrk.connections());
            progress("accept path over two gateways, %d connections in all, %d s", wrk.connections(),
                    phase.toSeconds());
            two = wrk.run(both.stream().map(g -> orders(g, twoSale)).toList(), phase, "accept2");
            accepted(twoSale, expectOnly("accept path, two gateways", two, "202"), wrk.connections());
            warmOpenLoad(client, both, two.throughput(), "open-warm2");
            steps.addAll(steps(pipeline, client, both, two.throughput(), 2));
        }
        return new BenchReport.Measures(cold, http, redis, accept, pingGet, me, gatewayCpuMicros, accept1, fresh,
                soldOut, drain, two, tokenCacheHits, steps);
    }

    /**
     * The first seconds of a sale on the services as they started: nothing has warmed them (only their
     * probes and the sales' creation have run), and every order's token is new to the gateway.
     */
    private ColdStart coldStart(Pipeline pipeline, PipelineClient client, String gateway) throws Exception {
        int rate = settings.coldRate();
        progress("cold start: %d orders/s for %d s on services just started, no warm-up, every token new", rate,
                COLD.toSeconds());
        String saleId = sale(client, "bench-cold", 10_000_000);
        CpuMeter cpu = new CpuMeter(pids(pipeline));
        cpu.start();
        OpenLoad.Result load = OpenLoad.run(gateway, saleId, rate, COLD, MAX_IN_FLIGHT, buyers);
        Map<String, Double> cores = cpu.stop();
        accepted(saleId, load.status(202), load.unconfirmedOrderIds().size());
        expectOpenModel("cold start", load);
        return ColdStart.of(rate, load.latenciesBySendNanos(), cores, load.status(202));
    }

    /** The processes whose CPU the bench reads: the services (every gateway) and the stack's servers. */
    private static Map<String, Long> pids(Pipeline pipeline) {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("gateway", pipeline.gateway().pid());
        for (ServiceServer extra : pipeline.extraGateways()) {
            pids.put(extra.name().replace("-service", ""), extra.pid());
        }
        pids.put("order", pipeline.orders().pid());
        pids.put("inventory", pipeline.inventory().pid());
        for (Server server : pipeline.stack().servers()) {
            pids.put(server.name(), server.pid());
        }
        return pids;
    }

    /**
     * 503 (shed or a dependency unavailable) and the client's own cap are how an overloaded pipeline answers
     * an open model: reported, and the latency targets say the rest. Anything else makes the run invalid.
     */
    private void expectOpenModel(String what, OpenLoad.Result load) {
        Map<Integer, Long> wrong = new java.util.TreeMap<>(load.statuses());
        wrong.remove(202);
        wrong.remove(503);
        if (!wrong.isEmpty()) {
            problems.add(what + ": answers other than 202 and 503 " + wrong + " (0 = no answer)");
        }
    }

    private interface WrkRun {
        Wrk.Result run() throws IOException, InterruptedException;
    }

    /** A wrk run, the gateway's CPU seconds during it added to {@code cpuSeconds[slot]}. */
    private static Wrk.Result withGatewayCpu(Pipeline pipeline, WrkRun run, double[] cpuSeconds, int slot)
            throws IOException, InterruptedException {
        CpuMeter cpu = new CpuMeter(Map.of("gateway", pipeline.gateway().pid()));
        cpu.start();
        long started = System.nanoTime();
        Wrk.Result result = run.run();
        double cores = cpu.stop().get("gateway");
        cpuSeconds[slot] += Math.max(0, cores) * (System.nanoTime() - started) / 1e9;
        return result;
    }

    /** The open-loop generator's own code is cold in this JVM until it has sent a few thousand orders. */
    private void warmOpenLoad(PipelineClient client, List<String> gateways, double max, String prefix)
            throws Exception {
        String saleId = sale(client, prefix, 10_000_000);
        progress("warming the open-loop generator: %.0f orders/s for %d s", max / 4, settings.warmUp().toSeconds() / 3);
        OpenLoad.Result warm = OpenLoad.run(gateways, saleId, Math.max(1, (int) (max / 4)),
                Duration.ofSeconds(Math.max(1, settings.warmUp().toSeconds() / 3)), MAX_IN_FLIGHT, buyers);
        accepted(saleId, warm.status(202), warm.unconfirmedOrderIds().size());
    }

    private List<Step> steps(Pipeline pipeline, PipelineClient client, List<String> gateways, double max, int count)
            throws Exception {
        List<Step> steps = new ArrayList<>();
        Map<String, Long> pids = pids(pipeline);
        for (int percent : settings.steps()) {
            int rate = Math.max(1, (int) Math.round(max * percent / 100.0));
            progress("open model, %d gateway(s): %d %% of %.0f/s = %d orders/s for %d s", count, percent, max, rate,
                    settings.step().toSeconds());
            String saleId = sale(client, "bench-open" + count + "-" + percent, 10_000_000);
            CpuMeter cpu = new CpuMeter(pids);
            cpu.start();
            OpenLoad.Result load = OpenLoad.run(gateways, saleId, rate, settings.step(), MAX_IN_FLIGHT, buyers);
            Map<String, Double> cores = cpu.stop();
            long accepted = load.status(202);
            accepted(saleId, accepted, load.unconfirmedOrderIds().size());
            long errors = load.sent() - accepted;
            awaitPersisted(pipeline, saleId, accepted, Duration.ofMinutes(3));
            double[] e2e = endToEnd(pipeline, saleId);
            Histogram h = load.histogram();
            steps.add(new Step(count, percent, rate, accepted / settings.step().toSeconds(), accepted, errors,
                    h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                    h.getValueAtPercentile(99.9) / 1e6, e2e[0], e2e[1], cores, h));
            expectOpenModel("open model at " + percent + " % with " + count + " gateway(s)", load);
        }
        return steps;
    }

    /** Drains every sale the bench ordered from and checks that exactly the accepted units are persisted. */
    private List<BenchReport.SaleInvariant> checkInvariants(PipelineClient client) throws Exception {
        List<BenchReport.SaleInvariant> invariants = new ArrayList<>();
        progress("draining %d sales and checking the invariants", acceptedUnits.size());
        for (Map.Entry<String, long[]> sale : acceptedUnits.entrySet()) {
            long answered = sale.getValue()[0];
            long unseen = sale.getValue()[1];
            JsonNode run = client.drain(sale.getKey(), answered, Duration.ofMinutes(2));
            long persisted = run == null ? -1 : run.path("persisted").asLong(-1);
            long drift = run == null ? Long.MIN_VALUE : run.path("drift").asLong(Long.MIN_VALUE);
            long pending = run == null ? -1 : run.path("pending").asLong(-1);
            boolean holds = holds(answered, unseen, persisted, pending, drift);
            invariants.add(new BenchReport.SaleInvariant(sale.getKey(), answered, unseen, persisted, pending, drift,
                    holds));
            if (!holds) {
                problems.add("sale " + sale.getKey() + ": " + answered + " units answered 202 (up to " + unseen
                        + " more unseen), " + persisted + " persisted, " + pending + " pending, drift " + drift);
            }
        }
        return invariants;
    }

    /** The gateway's count of bearer tokens answered from its cache, and of those verified: {hits, misses}. */
    private static double[] tokenCache(ServiceServer gateway) {
        double[] counts = new double[2];
        try {
            for (String line : new Api().get(gateway.managementUrl() + "/q/metrics").body().split("\n")) {
                if (line.startsWith("flashsale_gateway_token_cache_total{")) {
                    double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    counts[line.contains("result=\"hit\"") ? 0 : 1] = value;
                }
            }
        } catch (Exception e) {
            return counts;
        }
        return counts;
    }

    private static double hitShare(double[] before, double[] after) {
        double hits = after[0] - before[0];
        double all = hits + after[1] - before[1];
        return all <= 0 ? 0 : hits / all;
    }

    private Wrk.Result expectOnly(String what, Wrk.Result result, String outcome) {
        long errors = result.errorsBesides(outcome);
        if (errors > 0) {
            problems.add(what + ": " + errors + " of " + result.requests() + " answers were not " + outcome + " "
                    + result.outcomes() + (result.socketErrors() > 0 ? ", socket errors " + result.socketErrors() : ""));
        }
        return result;
    }

    private void accepted(String saleId, Wrk.Result result, int connections) {
        accepted(saleId, result.count("202"), connections);
    }

    private void accepted(String saleId, long units, long unseen) {
        long[] figures = acceptedUnits.computeIfAbsent(saleId, k -> new long[2]);
        figures[0] += units;
        figures[1] += unseen;
    }

    private static String orders(String gateway, String saleId) {
        return gateway + "/api/sales/" + saleId + "/orders";
    }

    /**
     * A sale of {@code stock} units that no buyer's limit holds back: the pool's buyers order again and again,
     * each a real reservation, as many distinct buyers would.
     */
    private static String sale(PipelineClient client, String prefix, int stock) throws Exception {
        String saleId = client.createSale(prefix, stock, stock);
        client.warmUp(saleId, 8);
        return saleId;
    }

    private static void awaitPersisted(Pipeline pipeline, String saleId, long units, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = DriverManager.getConnection(pipeline.stack().postgres().jdbcUrl(), PostgresServer.USER, "");
                PreparedStatement sum = c.prepareStatement(
                        "SELECT coalesce(sum(quantity), 0) FROM orders.orders WHERE sale_id = ?")) {
            sum.setString(1, saleId);
            while (true) {
                try (ResultSet rs = sum.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= units) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("sale " + saleId + ": " + rs.getLong(1) + " of " + units
                                + " accepted units persisted after " + timeout.toSeconds() + " s");
                    }
                }
                Thread.sleep(50);
            }
        }
    }

    /** p50 and p99 of persisted_at − accepted_at, in ms, over the sale's orders. */
    private static double[] endToEnd(Pipeline pipeline, String saleId) throws Exception {
        try (Connection c = DriverManager.getConnection(pipeline.stack().postgres().jdbcUrl(), PostgresServer.USER, "");
                PreparedStatement q = c.prepareStatement("""
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM persisted_at - accepted_at)),
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM persisted_at - accepted_at))
                        FROM orders.orders WHERE sale_id = ?""")) {
            q.setString(1, saleId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new double[] {rs.getDouble(1) * 1000, rs.getDouble(2) * 1000};
            }
        }
    }

    private void progress(String format, Object... args) {
        out.printf("  [bench] " + format + "%n", args);
    }
}
