package io.flashsale.tools.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Closed-loop load with wrk (Debian package {@code wrk}): a fixed number of connections, each
 * sending its next order as soon as the previous one is answered. It finds the maximum throughput;
 * its latencies are those of a closed loop (a stalled server also slows the load), which is why
 * the bench measures latency under an open model separately ({@link OpenLoad}).
 */
public final class Wrk {

    /**
     * One run's figures. {@code outcomes} counts answers by status and, for problems, the type's
     * slug ({@code "409:sold-out"}); {@code socketErrors} are connect/read/write errors and timeouts.
     */
    record Result(long requests, double seconds, double p50Millis, double p99Millis, double p999Millis,
            double maxMillis, long socketErrors, Map<String, Long> outcomes) {

        double throughput() {
            return requests / seconds;
        }

        long count(String outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }

        /** Answers other than {@code expected}, socket errors included. */
        long errorsBesides(String... expected) {
            long ok = 0;
            for (String outcome : expected) {
                ok += count(outcome);
            }
            return requests - ok + socketErrors;
        }

        /** Two runs one after the other as one: requests and seconds add up, latencies are the worse of the two. */
        Result then(Result other) {
            return with(other, seconds + other.seconds);
        }

        /** Two runs at once (one per gateway) as one: requests add up, latencies are the worse of the two. */
        Result plus(Result other) {
            return with(other, Math.max(seconds, other.seconds));
        }

        private Result with(Result other, double totalSeconds) {
            Map<String, Long> all = new TreeMap<>(outcomes);
            other.outcomes.forEach((k, v) -> all.merge(k, v, Long::sum));
            return new Result(requests + other.requests, totalSeconds,
                    Math.max(p50Millis, other.p50Millis), Math.max(p99Millis, other.p99Millis),
                    Math.max(p999Millis, other.p999Millis), Math.max(maxMillis, other.maxMillis),
                    socketErrors + other.socketErrors, all);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "BENCH-RESULT ";

    private final Path script;
    private final Path tokens;
    private final int threads;
    private final int connections;
    private final String method;

    private Wrk(Path script, Path tokens, int threads, int connections, String method) {
        this.script = script;
        this.tokens = tokens;
        this.threads = threads;
        this.connections = connections;
        this.method = method;
    }

    /**
     * wrk with the bench's order script, whose orders carry the buyers' {@code tokens} in turn; fails with
     * what to install when wrk is missing.
     */
    static Wrk create(Path workDir, int threads, int connections, List<String> tokens) throws IOException {
        requireInstalled();
        Files.createDirectories(workDir);
        Path script = workDir.resolve("orders.lua");
        try (InputStream in = Wrk.class.getResourceAsStream("/bench/orders.lua")) {
            Files.write(script, in.readAllBytes());
        }
        Path tokenFile = workDir.resolve("buyer-tokens.txt");
        Files.write(tokenFile, tokens);
        return new Wrk(script, tokenFile, threads, connections, "POST");
    }

    static void requireInstalled() {
        if (!onPath("wrk")) {
            throw new IllegalStateException("the bench drives load with wrk, which is not installed; "
                    + "on Debian or Ubuntu: apt-get install wrk");
        }
    }

    int connections() {
        return connections;
    }

    /** The same wrk, its orders carrying {@code tokens} instead (written beside the first pool as {@code name}). */
    Wrk withTokens(List<String> tokens, String name) throws IOException {
        Path file = this.tokens.resolveSibling(name);
        Files.write(file, tokens);
        return new Wrk(script, file, threads, connections, method);
    }

    /** The same wrk sending GETs: the same buyers' tokens in turn, no body. */
    Wrk gets() {
        return new Wrk(script, tokens, threads, connections, "GET");
    }

    /** Sends the buyers' requests (orders, or GETs) to {@code url} for {@code duration}; {@code prefix} names the run. */
    Result run(String url, Duration duration, String prefix) throws IOException, InterruptedException {
        return run(url, duration, prefix, connections);
    }

    /** The same load split over several URLs at once (several gateways), connections shared out. */
    Result run(List<String> urls, Duration duration, String prefix) throws IOException, InterruptedException {
        List<CompletableFuture<Result>> runs = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            String own = prefix + "g" + i;
            int share = Math.max(1, connections / urls.size());
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return run(url, duration, own, share);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
        }
        Result total = null;
        for (CompletableFuture<Result> run : runs) {
            Result r = run.join();
            total = total == null ? r : total.plus(r);
        }
        return total;
    }

    private Result run(String url, Duration duration, String prefix, int conns)
            throws IOException, InterruptedException {
        int wrkThreads = Math.min(threads, conns);
        List<String> command = List.of("wrk", "-t" + wrkThreads, "-c" + conns, "-d" + duration.toSeconds() + "s",
                "--timeout", "10s", "-s", script.toString(), url, "--", prefix, tokens.toString(),
                Integer.toString(wrkThreads), method);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        int at = output.indexOf(MARKER);
        if (exit != 0 || at < 0) {
            throw new IllegalStateException("wrk failed (exit " + exit + "): " + output.strip());
        }
        return parse(output.substring(at + MARKER.length()).lines().findFirst().orElseThrow());
    }

    static Result parse(String line) throws IOException {
        JsonNode json = JSON.readTree(line);
        Map<String, Long> outcomes = new TreeMap<>();
        json.path("outcomes").fields().forEachRemaining(e -> outcomes.put(e.getKey(), e.getValue().asLong()));
        return new Result(json.path("requests").asLong(), json.path("durationMicros").asLong() / 1e6,
                json.path("p50Micros").asLong() / 1e3, json.path("p99Micros").asLong() / 1e3,
                json.path("p999Micros").asLong() / 1e3, json.path("maxMicros").asLong() / 1e3,
                json.path("socketErrors").asLong(), outcomes);
    }

    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
