package io.flashsale.gateway.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEvent;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.testsupport.InjectStack;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A Kafka outage fails fast and closed: no 202 without an ack, no request waits longer than the
 * ack timeout, an open breaker refuses orders before Redis is touched, and orders flow again by
 * themselves once the broker is back.
 */
@QuarkusTest
class KafkaOutageTest extends GatewayTestBase {

    /** What a slow two-core machine may add to a bound. */
    private static final long MARGIN_MS = 2_000;
    private static final long IMMEDIATE_MS = 500;
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @InjectStack
    EmbeddedStack stack;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    @Test
    void aStoppedBrokerIsAnsweredFastAndClosedAndOrdersFlowAgainWhenItReturns() throws Exception {
        int total = 10_000;
        String saleId = TestSales.open(redis, total, 10_000);
        List<Http.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(order(saleId, "before-" + i));
        }
        answers.forEach(a -> assertEquals(202, a.status(), a::toString));

        List<Http.Answer> outage = new ArrayList<>();
        try {
            stack.kafka().stop();
            long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < until && outage.size() < 2_000) {
                outage.add(order(saleId, "during-" + outage.size()));
            }
        } finally {
            stack.kafka().start();
        }
        answers.addAll(outage);
        awaitAccepted(saleId, RECOVERY, answers);

        long ackTimeoutMs = config.kafka().ackTimeout().toMillis();
        for (Http.Answer a : outage) {
            assertEquals(503, a.status(), a::toString);
            assertNotNull(a.retryAfter(), a::toString);
            assertTrue(a.millis() <= ackTimeoutMs + MARGIN_MS, a::toString);
            assertTrue(Set.of("publish-unconfirmed", "dependency-unavailable").contains(a.type()), a::toString);
            if (a.type().equals("dependency-unavailable")) {
                assertEquals("kafka", a.body().getString("dependency"), a::toString);
                assertTrue(a.millis() < IMMEDIATE_MS, "a short-circuited order must not wait: " + a);
            } else {
                assertNotNull(a.orderId(), a::toString);
            }
        }
        long unconfirmed = outage.stream().filter(a -> "publish-unconfirmed".equals(a.type())).count();
        assertTrue(unconfirmed >= 1, "the first order of the outage waits for its ack in vain");
        assertTrue(outage.size() - unconfirmed > unconfirmed, "most answers are immediate: " + summary(outage));

        assertOnlyNamedOrdersTookStock(saleId, total, answers);
        Set<String> published = published(saleId).stream().map(OrderEvent::orderId)
                .collect(Collectors.toSet());
        assertTrue(published.containsAll(ids(answers, 202)), "every 202 is in the topic");
    }

    @Test
    void aFrozenBrokerAnswersPublishUnconfirmedWithinTheAckTimeoutAndKeepsTheReservation() throws Exception {
        String saleId = TestSales.open(redis, 100, 5);
        assertEquals(202, order(saleId, "warm").status());
        Http.Answer frozen;
        try {
            stack.kafka().pause();
            frozen = order(saleId, "frozen");
        } finally {
            stack.kafka().resume();
        }

        assertEquals(503, frozen.status(), frozen::toString);
        assertEquals("publish-unconfirmed", frozen.type(), frozen::toString);
        assertNotNull(frozen.retryAfter());
        assertTrue(frozen.millis() <= config.kafka().ackTimeout().toMillis() + MARGIN_MS, frozen::toString);
        assertEquals("/api/orders/" + frozen.orderId(), frozen.body().getString("statusUrl"));
        assertTrue(TestSales.reservations(redis, saleId).containsKey(frozen.orderId()), "the reservation is kept");
        assertEquals(98, TestSales.stock(redis, saleId));

        List<Http.Answer> after = new ArrayList<>();
        awaitAccepted(saleId, RECOVERY, after);
    }

    @Test
    void readinessIsDownWhileTheBreakerIsOpenAndTheBrokerSilentAndLivenessStaysUp() throws Exception {
        String saleId = TestSales.open(redis, 100, 5);
        try {
            stack.kafka().pause();
            assertEquals("publish-unconfirmed", order(saleId, "opens-the-breaker").type());

            given().when().get(management("/q/health/ready")).then().statusCode(503)
                    .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"));
            given().when().get(management("/q/health/live")).then().statusCode(200);
            assertEquals(1.0, registry.get("flashsale.gateway.kafka.breaker.open").gauge().value());
        } finally {
            stack.kafka().resume();
        }

        // No order comes in: readiness must recover by itself, or a gateway taken out of its Service
        // would never get the order that probes Kafka.
        Awaitility.await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> given().when().get(management("/q/health/ready")).statusCode() == 200);
        awaitAccepted(saleId, RECOVERY, new ArrayList<>());
        assertEquals(0.0, registry.get("flashsale.gateway.kafka.breaker.open").gauge().value());
    }

    private Http.Answer order(String saleId, String userId) throws Exception {
        return Http.timed(order(saleId, userId, 1, null));
    }

    /** Units left the stock only for orders the client was told about: 202s and publish-unconfirmed. */
    private void assertOnlyNamedOrdersTookStock(String saleId, int total, List<Http.Answer> answers) {
        Set<String> named = ids(answers, 202);
        named.addAll(answers.stream().filter(a -> "publish-unconfirmed".equals(a.type()))
                .map(Http.Answer::orderId).collect(Collectors.toSet()));
        assertEquals(named, TestSales.reservations(redis, saleId).keySet());
        assertEquals(total - named.size(), TestSales.stock(redis, saleId));
    }

    private static Set<String> ids(List<Http.Answer> answers, int status) {
        return answers.stream().filter(a -> a.status() == status).map(Http.Answer::orderId)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static String summary(List<Http.Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(a -> a.status() + " " + a.type(), Collectors.counting()))
                .toString();
    }
}
