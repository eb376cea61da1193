package io.flashsale.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Six Redis processes formed into a cluster by the stack: three masters owning every slot, a replica each;
 * a script's keys must share a slot; a master killed is replaced by its replica, and comes back as a replica.
 * Embedded backend only.
 */
class RedisClusterTest {

    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        assumeTrue(EmbeddedStack.Backend.configured() == EmbeddedStack.Backend.EMBEDDED,
                "a Redis Cluster runs on the embedded backend only");
        stack = EmbeddedStack.builder().dir(Path.of("target", "redis-cluster-test")).fresh(true)
                .pieces(Set.of(EmbeddedStack.Piece.REDIS)).redisCluster(true).build().start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void threeMastersServeEverySlotAndAScriptTouchesOneSlot() throws Exception {
        RedisCluster cluster = stack.redisCluster();
        assertEquals(6, stack.servers().size());
        assertEquals(3, cluster.masters().size());
        assertEquals("cluster", stack.redisClientType());
        assertEquals(6, cluster.hosts().split(",").length);
        String info = (String) RespConnection.once(stack.redis().port(), "CLUSTER", "INFO");
        assertTrue(info.contains("cluster_state:ok") && info.contains("cluster_slots_assigned:16384"), info);

        int slot = cluster.slotOf("fs:{one}:stock");
        assertEquals(slot, cluster.slotOf("fs:{one}:buyers"), "one hash tag, one slot");
        RedisServer master = cluster.masterOf(slot);
        assertEquals(2L, RespConnection.once(master.port(), "EVAL",
                "redis.call('SET', KEYS[1], '1'); redis.call('SET', KEYS[2], '1'); return 2",
                "2", "fs:{one}:stock", "fs:{one}:buyers"));

        int other = cluster.slotOf("fs:{two}:stock");
        assertNotEquals(slot, other);
        RespConnection.RedisError crossSlot = assertThrows(RespConnection.RedisError.class,
                () -> RespConnection.once(master.port(), "EVAL", "return 1", "2", "fs:{one}:stock", "fs:{two}:stock"));
        assertTrue(crossSlot.getMessage().startsWith("CROSSSLOT"), crossSlot.getMessage());
    }

    @Test
    void aKilledMasterIsReplacedByItsReplicaAndComesBackAsOne() throws Exception {
        RedisCluster cluster = stack.redisCluster();
        int slot = cluster.slotOf("fs:{failover}:stock");
        RedisServer master = cluster.masterOf(slot);
        assertEquals("OK", RespConnection.once(master.port(), "SET", "fs:{failover}:stock", "7"));
        assertEquals(1L, RespConnection.once(master.port(), "WAIT", "1", "5000"), "the replica has the write");

        master.kill();
        Wait.until("a replica takes over the slot", Duration.ofSeconds(30), () -> {
            try {
                return cluster.masterOf(slot) != master;
            } catch (StackException e) {
                return false;
            }
        });
        RedisServer promoted = cluster.masterOf(slot);
        assertEquals("7", RespConnection.once(promoted.port(), "GET", "fs:{failover}:stock"));

        master.start();
        cluster.awaitServing(Duration.ofSeconds(60));
        assertEquals(3, cluster.masters().size(), "the old master came back as a replica");
        assertEquals(promoted, cluster.masterOf(slot));
    }
}
