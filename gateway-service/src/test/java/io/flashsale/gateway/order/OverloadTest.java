package io.flashsale.gateway.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.flashsale.stack.EmbeddedStack;
import io.flashsale.testsupport.InjectStack;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.flashsale.testsupport.ConfigOverrides;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Orders beyond {@code flashsale.orders.max-in-flight} are shed at once, touching neither Redis
 * nor Kafka, and every slot comes back however its order ended. Redis is frozen so that orders
 * pile up; its timeout is raised so that they stay in flight while the test looks.
 */
@QuarkusTest
@TestProfile(OverloadTest.FourInFlight.class)
class OverloadTest extends GatewayTestBase {

    static final int MAX_IN_FLIGHT = 4;
    private static final long IMMEDIATE_MS = 500;
    private static final Duration SETTLE = Duration.ofSeconds(30);

    public static class FourInFlight extends ConfigOverrides {
        public FourInFlight() {
            super("flashsale.orders.max-in-flight", Integer.toString(MAX_IN_FLIGHT), "flashsale.redis-timeout", "15s");
        }
    }

    @InjectStack
    EmbeddedStack stack;

    @Inject
    MeterRegistry registry;

    @Test
    void ordersBeyondTheBoundAreShedAtOnceWithoutReservingAnything() throws Exception {
        String saleId = TestSales.open(redis, 100, 1);
        double shedBefore = overloaded();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        List<Http.Answer> shed = new ArrayList<>();
        try {
            stack.redis().pause();
            for (int i = 0; i < MAX_IN_FLIGHT; i++) {
                held.add(Http.sendAsync(order(saleId, "held-" + i, 1, null)));
            }
            awaitInFlight(MAX_IN_FLIGHT);
            for (int i = 0; i < 10; i++) {
                shed.add(Http.timed(order(saleId, "shed-" + i, 1, null)));
            }
        } finally {
            stack.redis().resume();
        }

        for (Http.Answer a : shed) {
            assertEquals(503, a.status(), a::toString);
            assertEquals("overloaded", a.type(), a::toString);
            assertNotNull(a.retryAfter(), a::toString);
            assertTrue(a.millis() < IMMEDIATE_MS, a::toString);
        }
        assertEquals(10.0, overloaded() - shedBefore);
        for (CompletableFuture<HttpResponse<String>> f : held) {
            assertEquals(202, f.get(SETTLE.toSeconds(), TimeUnit.SECONDS).statusCode());
        }
        awaitInFlight(0);
        assertEquals(96, TestSales.stock(redis, saleId));
        assertEquals(MAX_IN_FLIGHT, TestSales.reservations(redis, saleId).size());
    }

    @Test
    void aClientThatGoesAwayGivesItsSlotBack() throws Exception {
        String saleId = TestSales.open(redis, 100, 1);
        try {
            stack.redis().pause();
            try (Socket socket = new Socket(uri().getHost(), uri().getPort())) {
                String body = "{\"quantity\":1}";
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/sales/" + saleId + "/orders HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + issuer.buyer("gone") + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                awaitInFlight(1);
            }
            // Redis is still frozen: only the cancellation can free the slot this soon.
            awaitInFlight(0);
        } finally {
            stack.redis().resume();
        }
        List<Http.Answer> after = new ArrayList<>();
        awaitAccepted(saleId, SETTLE, after);
        awaitInFlight(0);
    }

    private void awaitInFlight(int expected) {
        Awaitility.await("orders in flight").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> registry.get("flashsale.gateway.in.flight").gauge().value(), v -> v == expected);
    }

    private double overloaded() {
        Counter counter = registry.find("flashsale.gateway.orders").tag("outcome", "overloaded").counter();
        return counter == null ? 0 : counter.count();
    }
}
