package io.flashsale.contract.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.core.Response;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * An RFC 9457 problem: type, title, status, detail, and extension members such as {@code field}
 * or {@code orderId}.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Seconds a client should wait before retrying a 503 or a 429, unless a problem says otherwise. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 2;

    private final ProblemType type;
    private final Map<String, Object> members = new LinkedHashMap<>();
    private int retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
    /** The serialized members, kept once made: a problem answered many times is serialized once. */
    private volatile byte[] body;

    private Problem(ProblemType type, String detail) {
        this.type = type;
        members.put("type", type.uri());
        members.put("title", type.title());
        members.put("status", type.status());
        if (detail != null) {
            members.put("detail", detail);
        }
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail);
    }

    /** A 400 that names the offending field. */
    public static Problem invalid(String field, String detail) {
        return new Problem(ProblemType.INVALID_REQUEST, detail).with("field", field);
    }

    public Problem with(String member, Object value) {
        members.put(member, value);
        body = null;
        return this;
    }

    /** The Retry-After of a 503 or a 429 answer. */
    public Problem retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public ProblemType type() {
        return type;
    }

    public ProblemException exception() {
        return new ProblemException(this);
    }

    /**
     * The answer: the members serialized here, once, as bytes. A {@code byte[]} entity is written as
     * it is; a String or a Map with this media type would be handed to the JSON body writer chosen
     * per response, which cost the gateway's sold-out answers about a quarter of their CPU.
     */
    public Response.ResponseBuilder responseBuilder() {
        Response.ResponseBuilder builder = Response.status(type.status()).type(MEDIA_TYPE).entity(body());
        if (type.status() == 503 || type.status() == 429) {
            builder.header("Retry-After", retryAfterSeconds);
        }
        return builder;
    }

    /** The JSON body, UTF-8; the same bytes every time until a member is added. Not to be modified. */
    public byte[] body() {
        byte[] made = body;
        if (made == null) {
            try {
                made = MAPPER.writeValueAsBytes(members);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("problem members are plain values", e);
            }
            body = made;
        }
        return made;
    }

    /** Sends this problem as the whole answer, straight on Vert.x (for a route answered before any resource). */
    public void send(HttpServerResponse response) {
        response.setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE);
        if (type.status() == 503 || type.status() == 429) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        response.end(Buffer.buffer(body()));
    }

    public Response response() {
        return responseBuilder().build();
    }
}
