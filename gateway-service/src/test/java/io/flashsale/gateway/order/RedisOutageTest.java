package io.flashsale.gateway.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.LogFields;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.testsupport.InjectStack;
import io.flashsale.testsupport.JsonTestLog;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Without Redis the gateway fails closed at once (it never guesses stock), a frozen Redis costs a
 * request at most the Redis timeout (logged with the sale and the order as fields), readiness follows
 * Redis, and orders are accepted again by themselves once Redis is back.
 */
@QuarkusTest
class RedisOutageTest extends GatewayTestBase {

    /** What a slow two-core machine may add to a bound. */
    private static final long MARGIN_MS = 2_000;
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @InjectStack
    EmbeddedStack stack;

    @Inject
    GatewayConfig config;

    @Test
    void aStoppedRedisIsRefusedAtOnceWithNothingReservedAndOrdersResumeAfterItsRestart() throws Exception {
        String saleId = TestSales.open(redis, 100, 5);
        Http.Answer before = order(saleId, "before");
        assertEquals(202, before.status(), before::toString);
        List<Http.Answer> outage = new ArrayList<>();
        try {
            redis.execute("SAVE");
            stack.redis().stop();
            for (int i = 0; i < 20; i++) {
                outage.add(order(saleId, "during-" + i));
            }
        } finally {
            stack.redis().start();
        }

        for (Http.Answer a : outage) {
            assertRedisUnavailable(a);
            // A refused connection cannot have run the script: fast, and no order to follow.
            assertTrue(a.millis() < config.redisTimeout().toMillis(), a::toString);
            assertNull(a.orderId(), a::toString);
        }
        List<Http.Answer> after = new ArrayList<>();
        Http.Answer accepted = awaitAccepted(saleId, RECOVERY, after);
        assertEquals(Set.of(before.orderId(), accepted.orderId()), TestSales.reservations(redis, saleId).keySet());
        assertEquals(98, TestSales.stock(redis, saleId));
    }

    @Test
    void aFrozenRedisIsAnsweredWithinTheRedisTimeoutAndOrdersResumeWhenItThaws() throws Exception {
        String saleId = TestSales.open(redis, 100, 5);
        List<Http.Answer> answers = new ArrayList<>();
        try {
            stack.redis().pause();
            for (int i = 0; i < 3; i++) {
                answers.add(order(saleId, "frozen-" + i));
            }
        } finally {
            stack.redis().resume();
        }

        for (Http.Answer a : answers) {
            assertRedisUnavailable(a);
            assertTrue(a.millis() <= config.redisTimeout().toMillis() + MARGIN_MS, a::toString);
            // The script may still run once Redis thaws: the client is told which order to follow.
            assertNotNull(a.orderId(), a::toString);
        }
        awaitAccepted(saleId, RECOVERY, answers);
        Set<String> named = new HashSet<>();
        answers.stream().map(Http.Answer::orderId).filter(id -> id != null).forEach(named::add);
        Set<String> reserved = TestSales.reservations(redis, saleId).keySet();
        assertTrue(named.containsAll(reserved), "every reservation is an order the client was told about");
        assertEquals(100 - reserved.size(), TestSales.stock(redis, saleId));
    }

    @Test
    void aRedisTimeoutIsLoggedWithItsSaleAndOrderAsFields() throws Exception {
        String saleId = TestSales.open(redis, 100, 5);
        Http.Answer answer;
        try {
            stack.redis().pause();
            answer = order(saleId, "logged");
        } finally {
            stack.redis().resume();
        }
        assertRedisUnavailable(answer);

        JsonNode record = JsonTestLog.await(LogFields.ORDER_ID, answer.orderId(), r -> true);
        assertEquals("WARN", record.path("level").asText(), record::toString);
        assertEquals(saleId, record.path("mdc").path(LogFields.SALE_ID).asText(), record::toString);
        assertTrue(record.path("message").asText().contains("no answer from Redis"), record::toString);
    }

    @Test
    void aSaleViewWhileRedisIsDownIs503AndItsCauseIsLogged() throws Exception {
        String saleId = TestSales.open(redis, 100, 5);
        HttpResponse<String> view;
        try {
            redis.execute("SAVE");
            stack.redis().stop();
            view = Http.send(HttpRequest.newBuilder(uri().resolve("/api/sales/" + saleId))
                    .timeout(Duration.ofSeconds(10)).GET().build());
        } finally {
            stack.redis().start();
        }

        assertEquals(503, view.statusCode(), view::body);
        assertEquals("application/problem+json", view.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(view.body().contains("urn:flashsale:problem:dependency-unavailable"), view::body);
        JsonNode record = JsonTestLog.await(LogFields.SALE_ID, saleId,
                r -> r.path("message").asText().contains("could not read it from Redis"));
        assertEquals("WARN", record.path("level").asText(), record::toString);
        assertEquals(100, TestSales.stock(redis, saleId), "a view reserves nothing");
    }

    @Test
    void readinessIsDownWhileRedisIsDownAndLivenessStaysUp() {
        try {
            redis.execute("SAVE");
            stack.redis().stop();

            given().when().get(management("/q/health/ready")).then().statusCode(503)
                    .body("checks.find { it.name == 'redis' }.status", equalTo("DOWN"));
            given().when().get(management("/q/health/live")).then().statusCode(200);
        } finally {
            stack.redis().start();
        }

        Awaitility.await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> given().when().get(management("/q/health/ready")).statusCode() == 200);
    }

    private Http.Answer order(String saleId, String userId) throws Exception {
        return Http.timed(order(saleId, userId, 1, null));
    }

    private static void assertRedisUnavailable(Http.Answer a) {
        assertEquals(503, a.status(), a::toString);
        assertEquals("dependency-unavailable", a.type(), a::toString);
        assertEquals("redis", a.body().getString("dependency"), a::toString);
        assertNotNull(a.retryAfter(), a::toString);
    }
}
