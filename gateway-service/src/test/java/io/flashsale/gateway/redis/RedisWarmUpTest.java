package io.flashsale.gateway.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.stack.RedisServer;
import io.flashsale.stack.RespConnection;
import io.flashsale.testsupport.InjectStack;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The warm-up opens its connections on every Redis that holds sales (each master, on a cluster), so that a
 * sale's first burst finds them open. Every client connection of every master is closed first (the pool
 * drops them), so that the connections counted are the ones the warm-up opened.
 */
@QuarkusTest
class RedisWarmUpTest extends GatewayTestBase {

    @InjectStack
    EmbeddedStack stack;

    @Inject
    StockStore stock;

    @Inject
    GatewayConfig config;

    @ConfigProperty(name = "quarkus.redis.max-pool-size")
    int maxPoolSize;

    @Test
    void theWarmUpOpensItsConnectionsOnEveryMaster() throws Exception {
        int expected = Math.min(config.redisWarmConnections(), maxPoolSize);
        assertTrue(expected > 0, "the warm-up is on by default");
        for (RedisServer master : stack.redisMasters()) {
            RespConnection.once(master.port(), "CLIENT", "KILL", "TYPE", "normal");
        }

        // The pool may hand out a killed connection once before it drops it, as after a Redis restart: the
        // next pass of the warm-up (every flashsale.redis-keep-warm) opens them anew.
        await("the warm-up answered on every connection").atMost(Duration.ofSeconds(20))
                .until(() -> stock.openConnections(expected).await().atMost(Duration.ofSeconds(10)) == expected);

        for (RedisServer master : stack.redisMasters()) {
            assertTrue(clients(master) - 1 >= expected,
                    () -> master.name() + " has " + clients(master) + " clients, not the warm-up's " + expected);
        }
        assertEquals(expected, stock.warmConnections(), "the gauge shows the last warm-up");
    }

    /** {@code connected_clients} of the node, this test's own connection included (replicas are not). */
    private static long clients(RedisServer node) {
        try {
            Map<String, String> info = ((String) RespConnection.once(node.port(), "INFO", "clients")).lines()
                    .filter(l -> l.contains(":"))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1)));
            return Long.parseLong(info.get("connected_clients").strip());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
