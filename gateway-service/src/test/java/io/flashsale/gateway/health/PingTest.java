package io.flashsale.gateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;

/** The bench's HTTP ceiling: a constant answer that touches nothing. */
@QuarkusTest
class PingTest extends GatewayTestBase {

    @Test
    void getAndPostAnswerAConstantAndReserveNothing() throws Exception {
        Set<String> keysBefore = TestSales.lastingKeys(redis, "none");

        HttpResponse<String> get = Http.send(HttpRequest.newBuilder(uri().resolve("/api/ping"))
                .timeout(Duration.ofSeconds(10)).GET().build());
        HttpResponse<String> post = Http.send(HttpRequest.newBuilder(uri().resolve("/api/ping"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u1\",\"quantity\":1}")).build());

        assertEquals(200, get.statusCode());
        assertEquals("{\"pong\":true}", get.body());
        assertEquals(200, post.statusCode());
        assertEquals("{\"pong\":true}", post.body());
        assertEquals(keysBefore, TestSales.lastingKeys(redis, "none"));
    }
}
