package io.flashsale.tools.pipeline;

import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.tools.Api;

/**
 * The pipeline as its users see it: the three services' HTTP APIs, each request with the token of the
 * one who makes it (a simulated buyer's for orders, the tools' own for everything else).
 */
public final class PipelineClient {

    /**
     * Where the services listen; {@code management} maps a service's name to its management interface
     * (probes, metrics), where it is known.
     */
    public record Endpoints(String gateway, String orders, String inventory, Map<String, String> management) {

        /** What a running {@code ./flashsale up} wrote in its state file. */
        public static Endpoints of(java.util.Properties state) {
            Map<String, String> management = new java.util.LinkedHashMap<>();
            for (String service : List.of("gateway-service", "order-service", "inventory-service")) {
                String url = state.getProperty(service + ".management-url");
                if (url != null) {
                    management.put(service, url);
                }
            }
            return new Endpoints(state.getProperty("gateway-service.url"), state.getProperty("order-service.url"),
                    state.getProperty("inventory-service.url"), Map.copyOf(management));
        }
    }

    /** One order request's answer: {@code kind} is "accepted", a problem type's slug, "http-NNN" or "error". */
    public record Outcome(String kind, int status, String orderId, long startNanos, long endNanos) {
        public long nanos() {
            return endNanos - startNanos;
        }
    }

    /** A row order-service persisted. */
    public record Persisted(String orderId, String userId, int quantity) {
    }

    private static final String PROBLEM = "urn:flashsale:problem:";
    private static final int PAGE = 1000;
    private static final Duration WARM_UP_DEADLINE = Duration.ofSeconds(30);
    private static final Duration WARM_UP_RETRY = Duration.ofMillis(200);

    private final Endpoints endpoints;
    private final Tokens tokens;
    private final Api tools;
    private final Api anonymous = new Api();
    private final List<String> gateways;
    private final AtomicInteger nextGateway = new AtomicInteger();

    public PipelineClient(Endpoints endpoints, Tokens tokens) {
        this(endpoints, tokens, List.of(endpoints.gateway()));
    }

    private PipelineClient(Endpoints endpoints, Tokens tokens, List<String> gateways) {
        this.endpoints = endpoints;
        this.tokens = tokens;
        this.tools = new Api(tokens::tools);
        this.gateways = List.copyOf(gateways);
    }

    /**
     * This client with its orders sent round {@code gatewayUrls} in turn, as a load balancer in front of the
     * gateways would; an order whose connection is refused (a gateway that is down) goes to the next one, as
     * it was never received. Everything else still goes to {@link Endpoints#gateway()}.
     */
    public PipelineClient balancedOver(List<String> gatewayUrls) {
        if (gatewayUrls.isEmpty()) {
            throw new IllegalArgumentException("no gateway to balance over");
        }
        return new PipelineClient(endpoints, tokens, gatewayUrls);
    }

    /** A client of the stack whose state file a running {@code ./flashsale up} wrote. */
    public static PipelineClient of(java.util.Properties state) {
        return new PipelineClient(Endpoints.of(state),
                Tokens.of(state.getProperty("keycloak.issuer"), java.nio.file.Path.of(state.getProperty("keycloak.signing-key"))));
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public Tokens tokens() {
        return tokens;
    }

    /** Creates an open sale (started 5 s ago, ends in a day) and returns its id. */
    public String createSale(String prefix, int stock, int perUserLimit) throws Exception {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer answer = tools.post(endpoints.inventory() + "/api/admin/sales", openSale(id, stock, perUserLimit));
        if (answer.status() != 201) {
            throw new IllegalStateException("could not create sale " + id + ": " + answer.status() + " " + answer.body());
        }
        return id;
    }

    /** The body that creates sale {@code id}, open now: started 5 s ago, ending in a day. */
    public static Map<String, Object> openSale(String id, int stock, int perUserLimit) {
        Map<String, Object> sale = new LinkedHashMap<>();
        sale.put("id", id);
        sale.put("name", "Sale " + id);
        sale.put("totalStock", stock);
        sale.put("perUserLimit", perUserLimit);
        sale.put("startsAt", Instant.now().minusSeconds(5).toString());
        sale.put("endsAt", Instant.now().plus(Duration.ofDays(1)).toString());
        return sale;
    }

    /** An order of {@code quantity} units by the buyer {@code userId}, with that buyer's token. */
    public Outcome order(String saleId, String userId, int quantity) {
        long start = System.nanoTime();
        int first = nextGateway.getAndIncrement();
        for (int tried = 0; ; tried++) {
            String gateway = gateways.get(Math.floorMod(first + tried, gateways.size()));
            try {
                return order(gateway, saleId, userId, quantity, start);
            } catch (ConnectException e) {
                if (tried + 1 >= gateways.size()) {
                    return new Outcome("error", 0, null, start, System.nanoTime());
                }
            } catch (Exception e) {
                return new Outcome("error", 0, null, start, System.nanoTime());
            }
        }
    }

    private Outcome order(String gateway, String saleId, String userId, int quantity, long start) throws Exception {
        Api buyer = anonymous.as(tokens.buyer(userId));
        HttpRequest request = buyer.request(gateway + "/api/sales/" + saleId + "/orders")
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":" + quantity + "}"))
                .build();
        Api.Answer answer = buyer.send(request);
        long end = System.nanoTime();
        JsonNode body = answer.json();
        String orderId = body.hasNonNull("orderId") ? body.get("orderId").asText() : null;
        if (answer.status() == 202) {
            return new Outcome("accepted", 202, orderId, start, end);
        }
        String type = body.path("type").asText("");
        String kind = type.startsWith(PROBLEM) ? type.substring(PROBLEM.length()) : "http-" + answer.status();
        return new Outcome(kind, answer.status(), orderId, start, end);
    }

    /**
     * Reads the sale's public view {@code 5 × concurrency} times on each gateway the orders go to: their
     * connections, threads and code paths are then warm, as they are in production when a sale opens.
     * A cold gateway may shed some of the first reads with 503 (its Redis calls have a deadline); each
     * such read is tried again, as a client would, until {@link #WARM_UP_DEADLINE}. Any other answer, or a
     * 503 past the deadline, means the gateway does not serve the sale, and fails the warm-up.
     */
    public void warmUp(String saleId, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long deadline = System.nanoTime() + WARM_UP_DEADLINE.toNanos();
        try {
            List<Future<Api.Answer>> reads = new ArrayList<>();
            for (int i = 0; i < 5 * concurrency * gateways.size(); i++) {
                String gateway = gateways.get(i % gateways.size());
                reads.add(pool.submit(() -> warmUpRead(gateway + "/api/sales/" + saleId, deadline)));
            }
            for (Future<Api.Answer> read : reads) {
                Api.Answer answer = read.get();
                if (answer.status() != 200) {
                    throw new IllegalStateException("the gateway does not see sale " + saleId + ": " + answer.status()
                            + " " + answer.body());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Api.Answer warmUpRead(String url, long deadline) throws Exception {
        while (true) {
            Api.Answer answer = anonymous.get(url);
            if (answer.status() != 503 || System.nanoTime() > deadline) {
                return answer;
            }
            Thread.sleep(WARM_UP_RETRY.toMillis());
        }
    }

    /** Runs reconciliation of one sale now and returns its run. */
    public JsonNode reconcile(String saleId) throws Exception {
        Api.Answer answer = tools.post(endpoints.inventory() + "/api/reconciliation/run?saleId=" + saleId, null);
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

    /**
     * Runs reconciliation until nothing is pending and at least {@code acceptedUnits} are persisted,
     * or the timeout passes; returns the last run. A run that fails (a service still recovering) is
     * retried.
     */
    public JsonNode drain(String saleId, long acceptedUnits, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (true) {
            try {
                last = reconcile(saleId);
                boolean drained = last.path("pending").asLong(-1) == 0
                        && last.path("persisted").asLong(-1) >= acceptedUnits
                        && last.path("drift").isNumber();
                if (drained) {
                    return last;
                }
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                return last;
            }
            Thread.sleep(500);
        }
    }

    /**
     * A service's heap that survived its last old-generation collection (jvm_gc_live_data_size_bytes),
     * or, before the first such collection, its old generation in use (what young collections kept: live
     * objects and garbage promoted since, never the young objects that die in the next pause); the whole
     * heap in use only when the collector names no old generation; -1 if unknown (its management interface
     * too).
     */
    public long liveHeap(String service) {
        String management = endpoints.management().get(service);
        if (management == null) {
            return -1;
        }
        try {
            long live = 0;
            long old = 0;
            long used = 0;
            for (String line : anonymous.get(management + "/q/metrics").body().split("\n")) {
                double value = line.startsWith("#") || line.isBlank() ? 0
                        : Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                    live = (long) value;
                } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    used += (long) value;
                    if (line.contains("Old Gen") || line.contains("Tenured")) {
                        old += (long) value;
                    }
                }
            }
            return live > 0 ? live : old > 0 ? old : used > 0 ? used : -1;
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Every order order-service persisted for the sale, read page by page in seq order. */
    public List<Persisted> persistedOrders(String saleId) throws Exception {
        List<Persisted> orders = new ArrayList<>();
        long afterSeq = 0;
        while (true) {
            Api.Answer answer = tools.get(endpoints.orders() + "/api/orders?saleId=" + saleId + "&limit=" + PAGE
                    + "&afterSeq=" + afterSeq);
            if (answer.status() != 200) {
                throw new IllegalStateException("could not list orders: " + answer.status() + " " + answer.body());
            }
            JsonNode page = answer.json();
            for (JsonNode order : page) {
                orders.add(new Persisted(order.get("orderId").asText(), order.get("userId").asText(),
                        order.get("quantity").asInt()));
                afterSeq = Math.max(afterSeq, order.get("seq").asLong());
            }
            if (page.size() < PAGE) {
                return orders;
            }
        }
    }
}
