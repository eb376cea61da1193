package io.flashsale.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import io.vertx.core.json.JsonObject;

/** Many requests at once from a fixed number of client threads, all released together. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    /** An order of {@code quantity} units by the buyer {@code token} names (null: no Authorization header). */
    public static HttpRequest postOrder(URI base, String token, String saleId, int quantity, String idempotencyKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/sales/" + saleId + "/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":" + quantity + "}"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return b.build();
    }

    /** A POST of {@code body} as it stands to the sale's orders, with the buyer's token. */
    public static HttpRequest postBody(URI base, String token, String saleId, String body) {
        return HttpRequest.newBuilder(base.resolve("/api/sales/" + saleId + "/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** {@code request} with one more header. */
    public static HttpRequest withHeader(HttpRequest request, String name, String value) {
        return HttpRequest.newBuilder(request, (n, v) -> true).header(name, value).build();
    }

    /** Sends {@code count} requests on {@code concurrency} threads and returns the responses in order. */
    public static List<HttpResponse<String>> race(int count, int concurrency, IntFunction<HttpRequest> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                HttpRequest r = request.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return send(r);
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends one request and times it. */
    public static Answer timed(HttpRequest request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = send(request);
        return Answer.of(response, (System.nanoTime() - started) / 1_000_000);
    }

    /** A response, its problem type or order id, its Retry-After, and how long it took. */
    public record Answer(int status, JsonObject body, String retryAfter, long millis) {

        public static Answer of(HttpResponse<String> response, long millis) {
            String text = response.body();
            JsonObject body = text != null && text.startsWith("{") ? new JsonObject(text) : new JsonObject();
            return new Answer(response.statusCode(), body, response.headers().firstValue("Retry-After").orElse(null),
                    millis);
        }

        /** The problem type without its prefix, or null for a success. */
        public String type() {
            String type = body.getString("type");
            return type == null ? null : type.substring(type.lastIndexOf(':') + 1);
        }

        public String orderId() {
            return body.getString("orderId");
        }

        @Override
        public String toString() {
            return status + " " + (type() == null ? "" : type()) + " in " + millis + " ms " + body.encode();
        }
    }
}
