package io.flashsale.stack;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

/**
 * A Redis Cluster of three masters with a replica each, six processes of the same Redis binary on loopback
 * ports. The stack starts the six nodes, then forms the cluster once (the nodes keep it in their
 * {@code nodes.conf}): every node meets the first, the masters take a third of the 16384 slots each, each
 * replica follows its master; it is ready when every node reports {@code cluster_state:ok} and every master
 * has its replica attached.
 */
public final class RedisCluster {

    private static final Logger LOG = Logger.getLogger(RedisCluster.class);
    static final int SLOTS = 16384;
    static final int MASTERS = 3;

    private final List<RedisServer> nodes;

    RedisCluster(List<RedisServer> nodes) {
        if (nodes.size() != 2 * MASTERS) {
            throw new StackException("redis: a cluster has " + 2 * MASTERS + " nodes, not " + nodes.size());
        }
        this.nodes = List.copyOf(nodes);
    }

    /** Every node: the three first started as masters, the three others as their replicas. */
    public List<RedisServer> nodes() {
        return nodes;
    }

    /** {@code quarkus.redis.hosts} of a client in cluster mode: every node (it learns the slots from them). */
    public String hosts() {
        return nodes.stream().map(RedisServer::uri).collect(Collectors.joining(","));
    }

    /** Forms the cluster unless it is formed already, and waits until it serves every slot. */
    void form(Duration timeout) {
        try {
            if (!isOk(nodes.get(0)) || slotsAssigned(nodes.get(0)) < SLOTS) {
                List<String> ids = new ArrayList<>();
                for (RedisServer node : nodes) {
                    ids.add((String) RespConnection.once(node.port(), "CLUSTER", "MYID"));
                }
                RedisServer first = nodes.get(0);
                for (RedisServer node : nodes.subList(1, nodes.size())) {
                    RespConnection.once(first.port(), "CLUSTER", "MEET", "127.0.0.1", Integer.toString(node.port()));
                }
                for (int m = 0; m < MASTERS; m++) {
                    addSlots(nodes.get(m), m * SLOTS / MASTERS, (m + 1) * SLOTS / MASTERS - 1);
                }
                Wait.until("every Redis node knows the five others", timeout, () -> nodes.stream()
                        .allMatch(n -> knownNodes(n) == nodes.size()));
                for (int r = 0; r < MASTERS; r++) {
                    RedisServer replica = nodes.get(MASTERS + r);
                    String master = ids.get(r);
                    Wait.until(replica.name() + " follows its master", timeout, () -> {
                        try {
                            return "OK".equals(RespConnection.once(replica.port(), "CLUSTER", "REPLICATE", master));
                        } catch (RespConnection.RedisError e) {
                            return false; // the replica has not learnt of its master yet
                        } catch (IOException e) {
                            throw new StackException(replica.name() + ": " + e.getMessage(), e);
                        }
                    });
                }
            }
            awaitServing(timeout);
        } catch (IOException e) {
            throw new StackException("redis cluster: " + e.getMessage(), e);
        }
    }

    /** Until every running node says {@code cluster_state:ok} and every master has a replica online. */
    public void awaitServing(Duration timeout) {
        Wait.until("the Redis Cluster serves every slot", timeout, () -> nodes.stream()
                .filter(Server::isRunning).allMatch(RedisCluster::isOk)
                && nodes.stream().filter(Server::isRunning).filter(RedisCluster::isMaster)
                        .allMatch(n -> info(n, "replication").getOrDefault("connected_slaves", "0").equals("1")));
        LOG.infof("redis cluster ok: masters %s", masters().stream().map(RedisServer::name).toList());
    }

    /** The nodes that are masters now (after a failover, a former replica). */
    public List<RedisServer> masters() {
        return nodes.stream().filter(Server::isRunning).filter(RedisCluster::isMaster).toList();
    }

    /** The running master serving {@code slot}. */
    public RedisServer masterOf(int slot) {
        for (RedisServer master : masters()) {
            try {
                if (ownsSlot(master, slot)) {
                    return master;
                }
            } catch (IOException e) {
                // not this one
            }
        }
        throw new StackException("redis cluster: no running master serves slot " + slot);
    }

    /** The running replica that follows {@code master} now. */
    public RedisServer replicaOf(RedisServer master) {
        String port = Integer.toString(master.port());
        return nodes.stream().filter(Server::isRunning).filter(n -> n != master)
                .filter(n -> port.equals(info(n, "replication").get("master_port")))
                .findFirst().orElseThrow(() -> new StackException("redis cluster: no running replica follows "
                        + master.name()));
    }

    /** The slot of {@code key} (its hash tag's, if it has one), as the node itself computes it. */
    public int slotOf(String key) {
        try {
            return ((Long) RespConnection.once(nodes.stream().filter(Server::isRunning).findFirst().orElseThrow()
                    .port(), "CLUSTER", "KEYSLOT", key)).intValue();
        } catch (IOException e) {
            throw new StackException("redis cluster: " + e.getMessage(), e);
        }
    }

    private static boolean ownsSlot(RedisServer master, int slot) throws IOException {
        String myself = ((String) RespConnection.once(master.port(), "CLUSTER", "NODES")).lines()
                .filter(l -> l.contains("myself")).findFirst().orElse("");
        String[] fields = myself.split(" ");
        for (int i = 8; i < fields.length; i++) {
            String range = fields[i];
            if (range.startsWith("[")) {
                continue; // a slot being migrated
            }
            String[] bounds = range.split("-");
            int from = Integer.parseInt(bounds[0]);
            int to = bounds.length > 1 ? Integer.parseInt(bounds[1]) : from;
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    private static void addSlots(RedisServer master, int from, int to) throws IOException {
        String[] command = new String[2 + to - from + 1];
        command[0] = "CLUSTER";
        command[1] = "ADDSLOTS"; // Redis 6.2 has no ADDSLOTSRANGE
        for (int slot = from; slot <= to; slot++) {
            command[2 + slot - from] = Integer.toString(slot);
        }
        RespConnection.once(master.port(), command);
    }

    private static boolean isOk(RedisServer node) {
        return "ok".equals(clusterInfo(node).get("cluster_state"));
    }

    private static int slotsAssigned(RedisServer node) {
        return Integer.parseInt(clusterInfo(node).getOrDefault("cluster_slots_assigned", "0"));
    }

    private static int knownNodes(RedisServer node) {
        return Integer.parseInt(clusterInfo(node).getOrDefault("cluster_known_nodes", "0"));
    }

    private static boolean isMaster(RedisServer node) {
        return "master".equals(info(node, "replication").get("role"));
    }

    private static Map<String, String> clusterInfo(RedisServer node) {
        return fields(node, "CLUSTER", "INFO");
    }

    private static Map<String, String> info(RedisServer node, String section) {
        return fields(node, "INFO", section);
    }

    private static Map<String, String> fields(RedisServer node, String... command) {
        try {
            return ((String) RespConnection.once(node.port(), command)).lines().filter(l -> l.contains(":"))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1),
                            (a, b) -> b));
        } catch (IOException e) {
            return Map.of();
        }
    }
}
