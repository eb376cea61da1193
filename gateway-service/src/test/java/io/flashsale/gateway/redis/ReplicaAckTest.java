package io.flashsale.gateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.testsupport.ConfigOverrides;
import io.flashsale.testsupport.InjectStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * With {@code flashsale.redis-replica-acks=1} a reservation is published only once a replica holds it: one
 * that no replica confirmed in time is released and answered 503, with nothing reserved and nothing
 * published. On one Redis (no replica at all) every order is refused so; on a Redis Cluster
 * ({@code -Dredis=cluster}, where every master has a replica) an order is accepted, the reserve and its
 * {@code WAIT} sent to the sale's master together.
 */
@QuarkusTest
@TestProfile(ReplicaAckTest.OneReplica.class)
class ReplicaAckTest extends GatewayTestBase {

    public static class OneReplica extends ConfigOverrides {
        public OneReplica() {
            super("flashsale.redis-replica-acks", "1", "flashsale.redis-replica-ack-timeout", "100ms");
        }
    }

    @InjectStack
    EmbeddedStack stack;

    @Test
    void aReservationNoReplicaConfirmedIsReleasedAndRefusedWithNothingReservedOrPublished() throws Exception {
        // On a cluster a replica cannot be silenced alone: the cluster client connects to every node, so a
        // frozen replica stalls the client's new connections too. One Redis has no replica at all.
        assumeFalse(stack.hasRedisCluster(), "shown on one Redis, which has no replica to confirm anything");
        String saleId = TestSales.open(redis, 5, 1);
        long publishedBefore = publishedInAll();

        HttpResponse<String> response = Http.send(order(saleId, "unreplicated", 1, "retry-1"));

        assertEquals(503, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = new JsonObject(response.body());
        assertEquals("urn:flashsale:problem:dependency-unavailable", problem.getString("type"));
        assertEquals("redis", problem.getString("dependency"));
        assertEquals(5, TestSales.stock(redis, saleId));
        assertEquals(Map.of(), TestSales.reservations(redis, saleId));
        assertEquals(Map.of(), TestSales.buyers(redis, saleId));
        assertEquals(Map.of(), redis.hash(String.class).hgetall(RedisKeys.idempotency(saleId)));
        assertEquals(publishedBefore, publishedInAll());
    }

    @Test
    void onAClusterAReservationItsReplicaConfirmedIsAcceptedAndPublished() throws Exception {
        assumeTrue(stack.hasRedisCluster(), "needs a replica per master: run with -Dredis=cluster");
        String saleId = TestSales.open(redis, 5, 1);

        HttpResponse<String> response = Http.send(order(saleId, "replicated", 1, null));

        assertEquals(202, response.statusCode(), response.body());
        String orderId = new JsonObject(response.body()).getString("orderId");
        assertEquals(4, TestSales.stock(redis, saleId));
        assertEquals(List.of(orderId), published(saleId).stream().map(e -> e.orderId()).toList());
        assertTrue(TestSales.reservations(redis, saleId).containsKey(orderId));
    }
}
