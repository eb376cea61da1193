package io.flashsale.gateway.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.flashsale.testsupport.BadTokens;
import io.flashsale.testsupport.BadTokens.BadToken;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A sale the gateway knows to be closed (sold out, or past its end) is answered by its path, before the
 * body is read: 409 whatever the body says, nothing asked of Redis, nothing reserved or published. Who
 * the caller is still comes first (401, 403), and a retry with an idempotency key still gets its first
 * answer.
 */
@QuarkusTest
@TestProfile(ClosedSaleTest.LongFlags.class)
class ClosedSaleTest extends GatewayTestBase {

    /** Flags that outlive a slow machine's gap between two requests (1 s by default). */
    public static class LongFlags implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flashsale.orders.sold-out-flag-ttl", "60s");
        }
    }

    @Inject
    MeterRegistry registry;

    /** Bodies the resource would refuse with 400 or 403, and a valid one: all 409 once the sale is flagged. */
    static Stream<String> bodies() {
        return Stream.of("{\"quantity\":1}", "{\"quantity\":", "", "[]", "{\"quantity\":0}",
                "{\"quantity\":1,\"userId\":\"someone-else\"}");
    }

    @ParameterizedTest(name = "body: {0}")
    @MethodSource("bodies")
    void aSoldOutSaleAnswers409WhateverTheBody(String body) throws Exception {
        String saleId = soldOut();
        List<Object> before = sale(saleId);
        double shortCircuits = shortCircuits();

        var response = Http.send(Http.postBody(uri(), issuer.buyer("late-" + body.length()), saleId, body));

        assertEquals(409, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonObject problem = new JsonObject(response.body());
        assertEquals("urn:flashsale:problem:sold-out", problem.getString("type"));
        assertEquals("no units left in sale " + saleId, problem.getString("detail"));
        assertEquals(409, problem.getInteger("status"));
        assertEquals(before, sale(saleId), "Redis untouched");
        assertEquals(1, published(saleId).size(), "only the first order was published");
        assertEquals(shortCircuits + 1, shortCircuits(), "answered by the flag");
    }

    @Test
    void anyMediaTypeIsAnswered409Too() throws Exception {
        String saleId = soldOut();
        HttpRequest text = HttpRequest.newBuilder(uri().resolve("/api/sales/" + saleId + "/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + issuer.buyer("text-sender"))
                .POST(HttpRequest.BodyPublishers.ofString("one please")).build();

        var response = Http.send(text);

        assertEquals(409, response.statusCode(), response.body());
        assertEquals("urn:flashsale:problem:sold-out", new JsonObject(response.body()).getString("type"));
    }

    @Test
    void theCallerIsStillAuthenticatedFirst() {
        String saleId = soldOut();
        String orders = "/api/sales/" + saleId + "/orders";
        List<Object> before = sale(saleId);

        given().contentType("application/json").body("{\"quantity\":1}")
                .when().post(orders)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer realm=\"flashsale\""))
                .body("type", equalTo("urn:flashsale:problem:unauthenticated"));
        for (BadToken bad : BadTokens.all(issuer, "mallory", "flashsale-gateway")) {
            if (bad.authorization() == null) {
                continue; // no Authorization header: the request above
            }
            given().header("Authorization", bad.authorization()).contentType("application/json").body("{\"quantity\":1}")
                    .when().post(orders)
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer realm=\"flashsale\""))
                    .body("type", equalTo("urn:flashsale:problem:" + bad.type()));
        }
        String noSubject = issuer.claims("ignored").claim("sub", null).sign();
        given().auth().oauth2(noSubject).contentType("application/json").body("{\"quantity\":1}")
                .when().post(orders)
                .then().statusCode(403)
                .body("type", equalTo("urn:flashsale:problem:forbidden"));
        assertEquals(before, sale(saleId));
    }

    @Test
    void aRetryWithItsKeyGetsItsFirstAnswer() throws Exception {
        String saleId = TestSales.open(redis, 1, 1);
        var first = Http.send(order(saleId, "keeper", 1, "keep-1"));
        assertEquals(202, first.statusCode(), first.body());

        var retry = Http.send(Http.withHeader(Http.postBody(uri(), issuer.buyer("keeper"), saleId, "{\"quantity\":1}"),
                "Idempotency-Key", "keep-1"));

        assertEquals(202, retry.statusCode(), retry.body());
        assertEquals(new JsonObject(first.body()).getString("orderId"), new JsonObject(retry.body()).getString("orderId"));
        assertEquals(1, published(saleId).stream().map(e -> e.orderId()).distinct().count());
    }

    @Test
    void anEndedSaleIsAnsweredByItsFlagAfterRedisFirstSaidSo() throws Exception {
        Instant now = Instant.now();
        String saleId = TestSales.warm(redis, TestSales.newId(), 10, 1, now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)));
        double shortCircuits = shortCircuits();

        var first = Http.send(order(saleId, "too-late", 1, null));
        var second = Http.send(Http.postBody(uri(), issuer.buyer("too-late"), saleId, "{\"quantity\":"));

        for (var response : List.of(first, second)) {
            assertEquals(409, response.statusCode(), response.body());
            JsonObject problem = new JsonObject(response.body());
            assertEquals("urn:flashsale:problem:sale-not-active", problem.getString("type"));
            assertEquals("ENDED", problem.getString("reason"));
        }
        assertEquals(first.body(), second.body());
        assertEquals(shortCircuits + 1, shortCircuits(), "the first asked Redis, the second the flag");
        assertEquals(10, TestSales.stock(redis, saleId));
        assertEquals(0, TestSales.seq(redis, saleId));
    }

    /**
     * The answer is sent with the request's body unread: the connection must still serve the next request.
     * Two orders with bodies, pipelined on one socket, get two answers.
     */
    @Test
    void aKeptAliveConnectionServesTheRequestAfterARefusal() throws Exception {
        String saleId = soldOut();
        String token = issuer.buyer("pipeliner");
        Http.send(Http.postBody(uri(), token, saleId, "{\"quantity\":1}"));
        String body = "{\"quantity\":1,\"padding\":\"" + "x".repeat(4000) + "\"}";
        String request = "POST /api/sales/" + saleId + "/orders HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;

        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((request + request).getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answers = readAnswers(socket.getInputStream(), 2);
            Matcher statuses = Pattern.compile("HTTP/1.1 (\\d{3})").matcher(answers);
            assertTrue(statuses.find(), answers);
            assertEquals("409", statuses.group(1));
            assertTrue(statuses.find(), "a second answer on the same connection: " + answers);
            assertEquals("409", statuses.group(1));
        }
    }

    /** Reads until {@code count} complete answers (headers and their Content-Length of body) are in. */
    private static String readAnswers(InputStream in, int count) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (complete(read.toString(StandardCharsets.UTF_8)) < count) {
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            read.write(chunk, 0, n);
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static int complete(String text) {
        int answers = 0;
        int at = 0;
        Matcher length = Pattern.compile("(?i)content-length: (\\d+)\r\n").matcher(text);
        while (true) {
            int headersEnd = text.indexOf("\r\n\r\n", at);
            if (headersEnd < 0 || !length.find(at)) {
                return answers;
            }
            int end = headersEnd + 4 + Integer.parseInt(length.group(1));
            if (end > text.length()) {
                return answers;
            }
            answers++;
            at = end;
        }
    }

    /** A sale of one unit, bought: the gateway's flag now knows it sold out. */
    private String soldOut() {
        try {
            String saleId = TestSales.open(redis, 1, 1);
            var first = Http.send(order(saleId, "first", 1, null));
            assertEquals(202, first.statusCode(), first.body());
            assertEquals(0, TestSales.stock(redis, saleId));
            return saleId;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an order would change: the stock, the seq, the reservations and the buyers (not the rate buckets, which expire). */
    private List<Object> sale(String saleId) {
        return List.of(TestSales.stock(redis, saleId), TestSales.seq(redis, saleId), TestSales.reservations(redis, saleId),
                TestSales.buyers(redis, saleId));
    }

    private double shortCircuits() {
        return registry.get("flashsale.gateway.soldout.shortcircuits").counter().count();
    }
}
