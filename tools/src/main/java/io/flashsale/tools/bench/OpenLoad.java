package io.flashsale.tools.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * An open-loop (fixed-rate) load: requests leave at their intended times whether or not earlier
 * ones were answered, and each latency is measured from its intended send time, so a stall shows
 * up in the figures instead of slowing the load down (no coordinated omission). Requests in
 * flight are capped; a request that finds the cap reached is counted as dropped by the client.
 *
 * <p>The requests go out from a Vert.x event loop over a pool of keep-alive connections: a few
 * tens of microseconds of CPU each, so that the load, which shares the machine with what it
 * measures, takes little from it.
 */
public final class OpenLoad {

    /**
     * What happened: answers by status (0 = no answer), dropped requests, the latencies of the answered ones
     * (sorted), and every request's latency in the order they were sent ({@code -1}: no answer).
     */
    public record Result(int sent, int dropped, Map<Integer, Long> statuses, long[] latenciesNanos, Histogram histogram,
            double seconds, Set<String> acceptedOrderIds, Set<String> unconfirmedOrderIds, long[] latenciesBySendNanos) {

        public long status(int code) {
            return statuses.getOrDefault(code, 0L);
        }
    }

    private static final long MAX_LATENCY = TimeUnit.MINUTES.toNanos(1);
    private static final String ORDER_ID = "\"orderId\":\"";

    private OpenLoad() {
    }

    /**
     * Sends {@code rate} orders a second for {@code duration}, each with the next of the buyers'
     * {@code tokens}, at most {@code maxInFlight} outstanding.
     */
    public static Result run(String gatewayUrl, String saleId, int rate, Duration duration, int maxInFlight,
            List<String> tokens) throws InterruptedException {
        return run(List.of(gatewayUrl), saleId, rate, duration, maxInFlight, tokens);
    }

    /** The same, spread round-robin over several gateways as a load balancer would. */
    public static Result run(List<String> gatewayUrls, String saleId, int rate, Duration duration, int maxInFlight,
            List<String> tokens) throws InterruptedException {
        String[] authorizations = tokens.stream().map(t -> "Bearer " + t).toArray(String[]::new);
        Buffer body = Buffer.buffer("{\"quantity\":1}");
        RequestOptions[] targets = gatewayUrls.stream().map(url -> {
            URI uri = URI.create(url);
            return new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(uri.getPort())
                    .setURI("/api/sales/" + saleId + "/orders").putHeader("Content-Type", "application/json")
                    .setTimeout(30_000);
        }).toArray(RequestOptions[]::new);
        int total = (int) (rate * duration.toMillis() / 1000);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        Recorder recorder = new Recorder(MAX_LATENCY, 3);
        ConcurrentHashMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(false));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000),
                new PoolOptions().setHttp1MaxSize(Math.max(1, Math.min(maxInFlight, 1024) / targets.length)));
        long start = System.nanoTime();
        int[] next = {0};
        try {
            // Every millisecond, send whatever is due: each at its own intended time, however late.
            vertx.setPeriodic(0, 1, timer -> {
                long now = System.nanoTime();
                while (next[0] < total && start + next[0] * interval <= now) {
                    int i = next[0]++;
                    long intended = start + i * interval;
                    if (inFlight.get() >= maxInFlight) {
                        dropped.incrementAndGet();
                        done.countDown();
                        continue;
                    }
                    inFlight.incrementAndGet();
                    String authorization = authorizations[i % authorizations.length];
                    client.request(targets[i % targets.length])
                            .compose(request -> request.putHeader("Authorization", authorization).send(body))
                            .compose(response -> response.body().map(b -> {
                                record(response.statusCode(), b.toString(), accepted, unconfirmed);
                                return response.statusCode();
                            }))
                            .onComplete(answer -> {
                                long latency = System.nanoTime() - intended;
                                latencies[i] = latency;
                                recorder.recordValue(Math.min(latency, MAX_LATENCY));
                                statuses.computeIfAbsent(answer.succeeded() ? answer.result() : 0,
                                        s -> new LongAdder()).increment();
                                inFlight.decrementAndGet();
                                done.countDown();
                            });
                }
                if (next[0] >= total) {
                    vertx.cancelTimer(timer);
                }
            });
            done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        } finally {
            client.close();
            vertx.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.sum()));
        long[] answered = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        return new Result(total, dropped.get(), counts, answered, recorder.getIntervalHistogram(), seconds,
                Set.copyOf(accepted), Set.copyOf(unconfirmed), latencies.clone());
    }

    /** A 202, or a 503 naming an order whose outcome is not known yet. */
    private static void record(int status, String body, Set<String> accepted, Set<String> unconfirmed) {
        int at = body.indexOf(ORDER_ID);
        if (at >= 0) {
            int from = at + ORDER_ID.length();
            (status == 202 ? accepted : unconfirmed).add(body.substring(from, body.indexOf('"', from)));
        }
    }
}
