package io.flashsale.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small JSON-over-HTTP client for the services' APIs, as one caller (a bearer token) or as nobody. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** The caller's current token, or null for requests without one. */
    private final Supplier<String> bearer;

    /** Requests without a token: probes, metrics, and what anyone may call. */
    public Api() {
        this(() -> null);
    }

    public Api(Supplier<String> bearer) {
        this.bearer = bearer;
    }

    /** The same client, as the caller {@code token} names. */
    public Api as(String token) {
        return new Api(() -> token);
    }

    /** An answer: status and body. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public Answer get(String url) throws IOException, InterruptedException {
        return send(request(url).timeout(Duration.ofSeconds(30)).GET().build());
    }

    public Answer post(String url, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(url).timeout(Duration.ofSeconds(120));
        if (body == null) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        }
        return send(builder.build());
    }

    /** A request to {@code url} with the caller's token, to finish and send. */
    public HttpRequest.Builder request(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        String token = bearer.get();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
