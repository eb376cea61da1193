package io.flashsale.launcher;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Races simulated buyers against a new sale through the real HTTP API, waits for the pipeline to
 * drain, and checks the invariants of DESIGN §6 against what order-service persisted and what a
 * reconciliation run measured.
 */
final class Simulation {

    /** What to simulate. */
    record Settings(int users, int concurrency, int stock, int perUserLimit, int repeats, int quantity,
            Duration drainTimeout) {
        Settings {
            require(users >= 1, "--users must be at least 1");
            require(concurrency >= 1 && concurrency <= 2000, "--concurrency must be from 1 to 2000");
            require(stock >= 1, "--stock must be at least 1");
            require(perUserLimit >= 1, "--limit must be at least 1");
            require(repeats >= 1, "--repeats must be at least 1");
            require(quantity >= 1 && quantity <= perUserLimit, "--quantity must be from 1 to --limit");
        }
    }

    /** Where the services listen. */
    record Endpoints(String gateway, String orders, String inventory) {
    }

    private static final String PROBLEM = "urn:flashsale:problem:";

    private final Endpoints endpoints;
    private final Settings settings;
    private final PrintStream progress;
    private final Api api;

    Simulation(Endpoints endpoints, Settings settings, PrintStream progress) {
        this.endpoints = endpoints;
        this.settings = settings;
        this.progress = progress;
        this.api = new Api();
    }

    SimulationReport run() throws Exception {
        String saleId = createSale();
        warmUp(saleId);
        String[] users = requests();
        int total = users.length;
        long[] latencies = new long[total];
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Map<String, String> accepted = new ConcurrentHashMap<>();
        Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> progress.printf("\r  %d/%d sent  %s", done.get(), total, outcomes),
                1, 1, TimeUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        long started = System.nanoTime();
        try {
            for (int t = 0; t < settings.concurrency(); t++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        String outcome = order(saleId, users[i], accepted, unconfirmed);
                        latencies[i] = System.nanoTime() - sent;
                        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
                        done.incrementAndGet();
                    }
                    return null;
                });
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
        } finally {
            pool.shutdownNow();
            ticker.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.printf("\r  %d/%d sent in %.1f s; waiting for the pipeline to drain...%n", done.get(), total, seconds);

        JsonNode run = drain(saleId, accepted.size() * settings.quantity());
        List<Persisted> persisted = persistedOrders(saleId);
        Map<String, Long> counts = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        return SimulationReport.of(saleId, settings, counts, accepted, unconfirmed, persisted, run, latencies,
                seconds);
    }

    private String createSale() throws Exception {
        String id = "sim-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> sale = new LinkedHashMap<>();
        sale.put("id", id);
        sale.put("name", "Simulated sale " + id);
        sale.put("totalStock", settings.stock());
        sale.put("perUserLimit", settings.perUserLimit());
        sale.put("startsAt", Instant.now().minusSeconds(5).toString());
        sale.put("endsAt", Instant.now().plus(Duration.ofHours(1)).toString());
        Api.Answer answer = api.post(endpoints.inventory() + "/api/admin/sales", sale);
        if (answer.status() != 201) {
            throw new IllegalStateException("could not create the sale: " + answer.status() + " " + answer.body());
        }
        return id;
    }

    /**
     * Reads the sale's public view as many times as the race will send orders at once: the
     * gateway's connections, threads and code paths are then warm, as they are in production
     * when a sale opens, and the race measures the sale rather than a cold JVM. Nothing is ordered.
     */
    private void warmUp(String saleId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        try {
            List<java.util.concurrent.Future<Api.Answer>> reads = new ArrayList<>();
            for (int i = 0; i < 5 * settings.concurrency(); i++) {
                reads.add(pool.submit(() -> api.get(endpoints.gateway() + "/api/sales/" + saleId)));
            }
            for (java.util.concurrent.Future<Api.Answer> read : reads) {
                if (read.get().status() != 200) {
                    throw new IllegalStateException("the gateway does not see sale " + saleId + ": " + read.get().body());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One entry per request: the user who sends it, users × repeats, in a fixed random order. */
    private String[] requests() {
        List<String> all = new ArrayList<>(settings.users() * settings.repeats());
        for (int u = 0; u < settings.users(); u++) {
            for (int r = 0; r < settings.repeats(); r++) {
                all.add("user-" + u);
            }
        }
        Collections.shuffle(all, new Random(42));
        return all.toArray(String[]::new);
    }

    private String order(String saleId, String userId, Map<String, String> accepted, Set<String> unconfirmed) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(endpoints.gateway() + "/api/sales/" + saleId + "/orders"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"userId\":\"" + userId + "\",\"quantity\":" + settings.quantity() + "}"))
                    .build();
            Api.Answer answer = api.send(request);
            if (answer.status() == 202) {
                accepted.put(answer.json().get("orderId").asText(), userId);
                return "accepted";
            }
            JsonNode problem = answer.json();
            String type = problem.path("type").asText("");
            if (problem.hasNonNull("orderId")) {
                unconfirmed.add(problem.get("orderId").asText());
            }
            return type.startsWith(PROBLEM) ? type.substring(PROBLEM.length()) : "http-" + answer.status();
        } catch (Exception e) {
            return "error";
        }
    }

    /** Runs reconciliation until nothing is pending and every accepted unit is persisted. */
    private JsonNode drain(String saleId, long acceptedUnits) throws Exception {
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        while (true) {
            JsonNode run = reconcile(saleId);
            boolean drained = run.path("pending").asLong(-1) == 0 && run.path("persisted").asLong(-1) >= acceptedUnits;
            if (drained || System.nanoTime() > deadline) {
                return run;
            }
            Thread.sleep(500);
        }
    }

    private JsonNode reconcile(String saleId) throws Exception {
        Api.Answer answer = api.post(endpoints.inventory() + "/api/reconciliation/run?saleId=" + saleId, null);
        if (answer.status() != 200) {
            throw new IllegalStateException("reconciliation failed: " + answer.status() + " " + answer.body());
        }
        for (JsonNode run : answer.json()) {
            if (saleId.equals(run.path("saleId").asText())) {
                return run;
            }
        }
        throw new IllegalStateException("reconciliation made no run for " + saleId + ": " + answer.body());
    }

    /** A row order-service persisted. */
    record Persisted(String orderId, String userId, int quantity) {
    }

    /** Every order order-service persisted for the sale, read page by page in seq order. */
    private List<Persisted> persistedOrders(String saleId) throws Exception {
        List<Persisted> orders = new ArrayList<>();
        long afterSeq = 0;
        while (true) {
            Api.Answer answer = api.get(endpoints.orders() + "/api/orders?saleId=" + saleId + "&limit=1000&afterSeq="
                    + afterSeq);
            if (answer.status() != 200) {
                throw new IllegalStateException("could not list orders: " + answer.status() + " " + answer.body());
            }
            JsonNode page = answer.json();
            for (JsonNode order : page) {
                orders.add(new Persisted(order.get("orderId").asText(), order.get("userId").asText(),
                        order.get("quantity").asInt()));
                afterSeq = Math.max(afterSeq, order.get("seq").asLong());
            }
            if (page.size() < 1000) {
                return orders;
            }
        }
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
