package io.flashsale.inventory.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a server-sent event stream with a plain HTTP client: each event's data as JSON. */
public final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient open(URI uri, String token) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return new SseClient(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The next event, waiting at most {@code timeout}. */
    public JsonNode next(Duration timeout) {
        return next(event -> true, timeout);
    }

    /** The next event that matches, skipping the others, waiting at most {@code timeout} in all. */
    public JsonNode next(Predicate<JsonNode> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                JsonNode event = events.poll(left, TimeUnit.NANOSECONDS);
                if (event != null && wanted.test(event)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no such event within " + timeout);
    }

    // An event is its "data:" lines up to a blank line (text/event-stream).
    private void read() {
        StringBuilder data = new StringBuilder();
        response.body().forEach(line -> {
            if (line.startsWith("data:")) {
                data.append(data.length() == 0 ? "" : "\n").append(line.substring(5).strip());
            } else if (line.isEmpty() && data.length() > 0) {
                try {
                    events.add(JSON.readTree(data.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + data, e);
                }
                data.setLength(0);
            }
        });
    }

    @Override
    public void close() {
        response.body().close();
    }
}
