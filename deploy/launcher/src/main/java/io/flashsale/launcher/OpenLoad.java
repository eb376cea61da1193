package io.flashsale.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An open-loop (fixed-rate) load: requests leave at their intended times whether or not earlier
 * ones were answered, and each latency is measured from its intended send time, so a stall shows
 * up in the figures instead of slowing the load down (no coordinated omission). Requests in
 * flight are capped; a request that finds the cap reached is counted as dropped by the client.
 */
final class OpenLoad {

    /** What happened: answers by status, dropped requests, and the latencies of the answered ones. */
    record Result(int sent, int dropped, java.util.Map<Integer, Long> statuses, long[] latenciesNanos,
            org.HdrHistogram.Histogram histogram, double seconds, java.util.Set<String> acceptedOrderIds,
            java.util.Set<String> unconfirmedOrderIds) {

        long status(int code) {
            return statuses.getOrDefault(code, 0L);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private OpenLoad() {
    }

    /**
     * Sends {@code rate} orders a second for {@code duration}, user ids from {@code userPrefix} and a
     * counter, at most {@code maxInFlight} outstanding.
     */
    static Result run(String gatewayUrl, String saleId, int rate, Duration duration, int maxInFlight,
            String userPrefix) throws InterruptedException {
        return run(java.util.List.of(gatewayUrl), saleId, rate, duration, maxInFlight, userPrefix);
    }

    /** The same, spread round-robin over several gateways as a load balancer would. */
    static Result run(java.util.List<String> gatewayUrls, String saleId, int rate, Duration duration, int maxInFlight,
            String userPrefix) throws InterruptedException {
        URI[] uris = gatewayUrls.stream().map(url -> URI.create(url + "/api/sales/" + saleId + "/orders"))
                .toArray(URI[]::new);
        // Up to a minute, three significant digits; recorded from every callback thread.
        org.HdrHistogram.Recorder recorder = new org.HdrHistogram.Recorder(TimeUnit.MINUTES.toNanos(1), 3);
        int total = (int) (rate * duration.toMillis() / 1000);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long[] latencies = new long[total];
        java.util.Arrays.fill(latencies, -1);
        ConcurrentHashMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        java.util.Set<String> accepted = ConcurrentHashMap.newKeySet();
        java.util.Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
        int dropped = 0;
        CompletableFuture<?>[] calls = new CompletableFuture<?>[total];
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (inFlight.get() >= maxInFlight) {
                dropped++;
                calls[i] = CompletableFuture.completedFuture(null);
                continue;
            }
            inFlight.incrementAndGet();
            HttpRequest request = HttpRequest.newBuilder(uris[i % uris.length])
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"userId\":\"" + userPrefix + i + "\",\"quantity\":1}"))
                    .build();
            int index = i;
            calls[i] = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        latencies[index] = System.nanoTime() - intended;
                        recorder.recordValue(Math.min(latencies[index], TimeUnit.MINUTES.toNanos(1)));
                        if (failure == null && response.body().contains("\"orderId\":\"")) {
                            // 202, or a 503 naming an order whose outcome is not known yet.
                            (response.statusCode() == 202 ? accepted : unconfirmed).add(orderId(response.body()));
                        }
                        statuses.computeIfAbsent(failure == null ? response.statusCode() : 0, s -> new LongAdder())
                                .increment();
                        inFlight.decrementAndGet();
                    });
        }
        CompletableFuture.allOf(calls).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        java.util.Map<Integer, Long> counts = new java.util.TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.sum()));
        long[] answered = java.util.Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        return new Result(total, dropped, counts, answered, recorder.getIntervalHistogram(), seconds,
                java.util.Set.copyOf(accepted),
                java.util.Set.copyOf(unconfirmed));
    }

    private static String orderId(String body) {
        int start = body.indexOf("\"orderId\":\"") + "\"orderId\":\"".length();
        return body.substring(start, body.indexOf('"', start));
    }
}
