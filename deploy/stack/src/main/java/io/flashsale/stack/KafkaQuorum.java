package io.flashsale.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The stack's KRaft cluster: one broker, or three, each of them also a voter of the controller quorum
 * (combined mode). Every node is formatted with the same cluster id, kept in {@code idFile} so that a
 * node formatted later (its data deleted) joins the same cluster. With three nodes, topics are
 * replicated three times and a write needs two in-sync replicas; with one, once and one.
 */
final class KafkaQuorum {

    /** One node: its id, its client (PLAINTEXT) port and its controller port, on 127.0.0.1. */
    record Node(int id, int port, int controllerPort) {
    }

    private final Path idFile;
    private final List<Node> nodes;

    KafkaQuorum(Path idFile, List<Node> nodes) {
        if (nodes.size() != 1 && nodes.size() != 3) {
            throw new StackException("kafka: a stack runs 1 or 3 brokers, not " + nodes.size());
        }
        this.idFile = idFile;
        this.nodes = List.copyOf(nodes);
    }

    List<Node> nodes() {
        return nodes;
    }

    int size() {
        return nodes.size();
    }

    /** {@code controller.quorum.voters}: every node, id@host:controllerPort. */
    String voters() {
        return nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort()).collect(Collectors.joining(","));
    }

    /** The client address of every node, for {@code bootstrap.servers}. */
    String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    /** Copies of each partition: every node's, up to three. */
    int replicationFactor() {
        return Math.min(3, size());
    }

    /** In-sync replicas a write with acks=all needs: two of three, or the only one. */
    int minInsyncReplicas() {
        return replicationFactor() >= 3 ? 2 : 1;
    }

    /** The cluster's id: read from {@code idFile}, or made (and kept there) by the first node formatted. */
    synchronized String clusterId() throws IOException {
        if (Files.exists(idFile)) {
            return Files.readString(idFile).strip();
        }
        String id = newClusterId();
        Files.createDirectories(idFile.getParent());
        Files.writeString(idFile, id);
        return id;
    }

    /**
     * A random cluster id, as Kafka's own {@code Uuid.randomUuid()} makes them: never starting with
     * '-', which the storage tool's argument parser would take for an option (one start in 64 failed so).
     */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
