package io.flashsale.gateway.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.RedisKeys;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.flashsale.testsupport.ConfigOverrides;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Many buyers at once on a small stock: exactly the stock is accepted, the rest is sold out, and every
 * accepted order is reserved and published once. The race is about atomicity, not deadlines, so its
 * deadlines are generous (Kafka's stays below the producer's 10 s delivery timeout): on a starved machine
 * a 2-second Redis deadline sheds some orders with 503, which says nothing about the script. The
 * deadlines themselves are RedisOutageTest's and KafkaOutageTest's; shedding under load is OverloadTest's.
 */
@QuarkusTest
@TestProfile(OrderRaceTest.PatientDeadlines.class)
class OrderRaceTest extends GatewayTestBase {

    public static class PatientDeadlines extends ConfigOverrides {
        public PatientDeadlines() {
            super("flashsale.redis-timeout", "15s", "flashsale.kafka.ack-timeout", "9s");
        }
    }

    /**
     * A few orders before the race, as a sale's opening finds a gateway that has served before: its Redis
     * connections open, its token verification compiled. The race is about exactly the stock being sold.
     */
    @BeforeEach
    void warmUp() throws Exception {
        String saleId = TestSales.open(redis, 1000, 1000);
        Http.race(100, 20, i -> order(saleId, "warm-up-" + i, 1, null));
    }

    @Test
    void thousandUsersRaceForFiftyUnitsAndExactlyFiftyAreAccepted() throws Exception {
        String saleId = TestSales.open(redis, 50, 1);

        List<HttpResponse<String>> responses = Http.race(1000, 200,
                i -> order(saleId, "user-" + i, 1, null));

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertEquals(Map.of(202, 50L, 409, 950L), byStatus);
        responses.stream().filter(r -> r.statusCode() == 409)
                .forEach(r -> assertEquals("urn:flashsale:problem:sold-out", new JsonObject(r.body()).getString("type")));
        assertEquals(0, TestSales.stock(redis, saleId));
        assertEquals(50, TestSales.seq(redis, saleId));
        assertEquals(50, TestSales.buyers(redis, saleId).size());

        Set<String> acceptedIds = orderIds(responses);
        List<OrderEvent> published = published(saleId);
        assertEquals(acceptedIds, published.stream().map(OrderEvent::orderId).collect(Collectors.toSet()));
        assertEquals(50, published.size());
        assertEquals(acceptedIds, TestSales.reservations(redis, saleId).keySet());
        assertEquals(Set.copyOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList()),
                published.stream().map(OrderEvent::seq).collect(Collectors.toSet()));
    }

    @Test
    void fiveUnitsLeftAndTwoHundredRequestsAcceptExactlyFive() throws Exception {
        String saleId = TestSales.open(redis, 100, 1);
        redis.value(String.class).set(RedisKeys.stock(saleId), "5");

        List<HttpResponse<String>> responses = Http.race(200, 100,
                i -> order(saleId, "buyer-" + i, 1, null));

        assertEquals(5, responses.stream().filter(r -> r.statusCode() == 202).count());
        assertEquals(195, responses.stream().filter(r -> r.statusCode() == 409).count());
        assertEquals(0, TestSales.stock(redis, saleId));
        assertEquals(5, published(saleId).size());
    }

    static Set<String> orderIds(List<HttpResponse<String>> responses) {
        return responses.stream()
                .filter(r -> r.statusCode() == 202)
                .map(r -> new JsonObject(r.body()).getString("orderId"))
                .collect(Collectors.toSet());
    }
}
