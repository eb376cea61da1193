package io.flashsale.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * Real Kafka, Redis, PostgreSQL and Keycloak servers under one data directory. Start it, read the endpoints,
 * close it; every piece can also be stopped, killed, paused and restarted on its own. A JVM
 * shutdown hook and a watchdog process make sure no server outlives the JVM that started it.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedStack.class);

    /** The servers a stack can run. */
    public enum Piece {
        KAFKA, REDIS, POSTGRES, KEYCLOAK
    }

    /** Where Kafka, Redis and PostgreSQL run (Keycloak always runs as a local process). */
    public enum Backend {
        /** Local processes from Maven artifacts: needs no Docker. */
        EMBEDDED,
        /** Docker containers through Testcontainers, of the images {@link ContainerImages} names. */
        CONTAINERS;

        /**
         * The backend chosen by the system property {@code stack} or the environment variable
         * {@code FLASHSALE_STACK} ({@code embedded}, the default, or {@code containers}). Not a
         * {@code flashsale.*} property: Maven hands -D properties on to the Quarkus test JVMs, whose
         * configuration refuses {@code flashsale.*} keys it does not know.
         */
        public static Backend configured() {
            String value = System.getProperty("stack");
            if (value == null || value.isBlank()) {
                value = System.getenv("FLASHSALE_STACK");
            }
            if (value == null || value.isBlank()) {
                return EMBEDDED;
            }
            try {
                return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new StackException("stack / FLASHSALE_STACK is '" + value
                        + "'; it must be embedded or containers");
            }
        }
    }

    private final Path dir;
    private final Backend backend;
    /** The first server of each piece (Kafka's first broker). */
    private final Map<Piece, Server> servers = new LinkedHashMap<>();
    /** Every server, Kafka's further brokers included. */
    private final List<Server> all = new ArrayList<>();
    private final List<KafkaServer> kafkaBrokers = new ArrayList<>();
    private KafkaQuorum kafkaQuorum;
    private RedisCluster redisCluster;
    private Reaper reaper;
    private Thread shutdownHook;

    private EmbeddedStack(Builder b) {
        this.dir = b.dir.toAbsolutePath().normalize();
        this.backend = b.backend;
        Path run = dir.resolve("run");
        if (b.pieces.contains(Piece.KAFKA)) {
            if (b.kafkaBrokers > 1 && backend == Backend.CONTAINERS) {
                throw new StackException("kafka: " + b.kafkaBrokers + " brokers run on the embedded backend only");
            }
            List<KafkaQuorum.Node> nodes = new ArrayList<>();
            for (int id = 1; id <= b.kafkaBrokers; id++) {
                nodes.add(new KafkaQuorum.Node(id, id == 1 ? port(b.kafkaPort) : Ports.free(), Ports.free()));
            }
            kafkaQuorum = new KafkaQuorum(dir.resolve("kafka-cluster.id"), nodes);
            for (KafkaQuorum.Node node : nodes) {
                // One broker keeps the name and directory "kafka" it always had; three are kafka-1 … kafka-3.
                String name = nodes.size() == 1 ? "kafka" : "kafka-" + node.id();
                kafkaBrokers.add(new KafkaServer(name, dir.resolve(name), run, kafkaQuorum, node));
            }
            servers.put(Piece.KAFKA, kafkaBrokers.get(0));
        }
        if (b.pieces.contains(Piece.REDIS) && b.redisCluster) {
            if (backend == Backend.CONTAINERS) {
                throw new StackException("redis: a Redis Cluster runs on the embedded backend only");
            }
            List<RedisServer> nodes = new ArrayList<>();
            for (int i = 1; i <= 2 * RedisCluster.MASTERS; i++) {
                String name = "redis-" + i;
                nodes.add(new RedisServer(name, dir.resolve(name), run,
                        i == 1 && b.redisPort > 0 ? b.redisPort : Ports.freeWithCompanion(10_000),
                        b.redisPersistent, true));
            }
            redisCluster = new RedisCluster(nodes);
            servers.put(Piece.REDIS, nodes.get(0));
        } else if (b.pieces.contains(Piece.REDIS)) {
            servers.put(Piece.REDIS, new RedisServer(dir.resolve("redis"), run, port(b.redisPort), b.redisPersistent));
        }
        if (b.pieces.contains(Piece.POSTGRES)) {
            servers.put(Piece.POSTGRES, new PostgresServer(dir.resolve("postgres"), run, port(b.postgresPort)));
        }
        if (b.pieces.contains(Piece.KEYCLOAK)) {
            servers.put(Piece.KEYCLOAK, new KeycloakServer(dir.resolve("keycloak"), run, port(b.keycloakPort),
                    Ports.free()));
        }
        servers.forEach((piece, server) -> {
            if (piece == Piece.KAFKA) {
                all.addAll(kafkaBrokers);
            } else if (piece == Piece.REDIS && redisCluster != null) {
                all.addAll(redisCluster.nodes());
            } else {
                all.add(server);
            }
        });
        if (backend == Backend.CONTAINERS) {
            servers.forEach((piece, server) -> {
                if (piece != Piece.KEYCLOAK) {
                    server.runInContainer(dir);
                }
            });
        }
    }

    public Backend backend() {
        return backend;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static int port(int configured) {
        return configured > 0 ? configured : Ports.free();
    }

    /** Starts every piece, in parallel, and returns once all serve. */
    public synchronized EmbeddedStack start() {
        if (reaper == null) {
            if (backend == Backend.CONTAINERS && !ContainerRun.dockerAvailable()) {
                throw new StackException("the containers backend (-Dstack / FLASHSALE_STACK = containers) needs "
                        + "a Docker engine, and none answers here; unset it to run the embedded stack");
            }
            reaper = Reaper.watch(dir.resolve("run"), backend == Backend.CONTAINERS);
            shutdownHook = new Thread(this::removeAll, "flashsale-stack-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Server server : all) {
            starts.add(CompletableFuture.runAsync(server::start));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
            if (redisCluster != null) {
                redisCluster.form(java.time.Duration.ofSeconds(60));
            }
        } catch (CompletionException e) {
            stopAll();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return this;
    }

    public Path dir() {
        return dir;
    }

    public boolean has(Piece piece) {
        return servers.containsKey(piece);
    }

    /** Kafka's first broker (the only one unless the stack was built with three). */
    public KafkaServer kafka() {
        return (KafkaServer) server(Piece.KAFKA);
    }

    /** Every Kafka broker, in node id order. */
    public List<KafkaServer> kafkaBrokers() {
        server(Piece.KAFKA);
        return List.copyOf(kafkaBrokers);
    }

    /** The address of every Kafka broker, for {@code bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        server(Piece.KAFKA);
        return kafkaQuorum.bootstrapServers();
    }

    /** Copies of each partition that the topics of this stack should have: 1, or 3 on three brokers. */
    public int kafkaReplicationFactor() {
        server(Piece.KAFKA);
        return kafkaQuorum.replicationFactor();
    }

    /** Redis, or the first node of the Redis Cluster when the stack runs one. */
    public RedisServer redis() {
        return (RedisServer) server(Piece.REDIS);
    }

    /** Whether Redis runs as a cluster of three masters and three replicas. */
    public boolean hasRedisCluster() {
        return redisCluster != null;
    }

    /** The Redis Cluster; only when {@link #hasRedisCluster()}. */
    public RedisCluster redisCluster() {
        if (redisCluster == null) {
            throw new IllegalStateException("this stack runs one Redis, not a cluster");
        }
        return redisCluster;
    }

    /** The Redis that holds {@code key}: the one Redis, or the cluster's master serving the key's slot now. */
    public RedisServer redisFor(String key) {
        return redisCluster == null ? redis() : redisCluster.masterOf(redisCluster.slotOf(key));
    }

    /** Every Redis that holds keys: the one Redis, or each master of the cluster. */
    public List<RedisServer> redisMasters() {
        return redisCluster == null ? List.of(redis()) : redisCluster.masters();
    }

    /** {@code quarkus.redis.hosts}: the one Redis, or every node of the cluster. */
    public String redisHosts() {
        return redisCluster != null ? redisCluster.hosts() : redis().uri();
    }

    /** {@code quarkus.redis.client-type}: {@code standalone} or {@code cluster}. */
    public String redisClientType() {
        return redisCluster != null ? "cluster" : "standalone";
    }

    public PostgresServer postgres() {
        return (PostgresServer) server(Piece.POSTGRES);
    }

    public KeycloakServer keycloak() {
        return (KeycloakServer) server(Piece.KEYCLOAK);
    }

    /** Every server of the stack, each Kafka broker included. */
    public List<Server> servers() {
        return List.copyOf(all);
    }

    private Server server(Piece piece) {
        Server server = servers.get(piece);
        if (server == null) {
            throw new IllegalStateException(piece + " is not part of this stack");
        }
        return server;
    }

    /** The Quarkus configuration that points a service at this stack. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        if (has(Piece.KAFKA)) {
            config.put("kafka.bootstrap.servers", kafkaBootstrapServers());
            config.put("flashsale.kafka.replication-factor", String.valueOf(kafkaReplicationFactor()));
        }
        if (has(Piece.REDIS)) {
            config.put("quarkus.redis.hosts", redisHosts());
            config.put("quarkus.redis.client-type", redisClientType());
            if (redisCluster != null) {
                // A cluster client's command borrows a connection from every master's pool at once; with more
                // commands in flight than the pool holds, each can hold some and wait for the others, for good
                // (a race of 20 orders on a pool of 16 hung so). Above the gateway's 512 orders in flight; the
                // client refuses a waiting queue shorter than the pool.
                config.put("quarkus.redis.max-pool-size", "640");
                config.put("quarkus.redis.max-pool-waiting", "4096");
            }
        }
        if (has(Piece.POSTGRES)) {
            config.put("quarkus.datasource.jdbc.url", postgres().jdbcUrl());
            config.put("quarkus.datasource.username", PostgresServer.USER);
            config.put("quarkus.datasource.password", "");
        }
        if (has(Piece.KEYCLOAK)) {
            config.put("quarkus.oidc.auth-server-url", keycloak().issuer());
        }
        return config;
    }

    @Override
    public synchronized void close() {
        removeAll();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is what called us.
            }
            shutdownHook = null;
        }
        if (reaper != null) {
            reaper.close();
            reaper = null;
        }
    }

    private void stopAll() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Server server : all) {
            stops.add(CompletableFuture.runAsync(() -> {
                try {
                    server.stop();
                } catch (RuntimeException e) {
                    LOG.warnf("could not stop %s cleanly (%s); killing it", server.name(), e.getMessage());
                    server.kill();
                }
            }));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    }

    /** Stops every piece and removes the containers of those that run in one. */
    private void removeAll() {
        stopAll();
        all.forEach(Server::removeContainer);
    }

    /** How to build a stack: its directory, its pieces, and fixed ports where wanted (0 = any free port). */
    public static final class Builder {
        private Path dir = Path.of("target", "flashsale-stack");
        private Set<Piece> pieces = EnumSet.allOf(Piece.class);
        private int kafkaPort;
        private int kafkaBrokers = 1;
        private int redisPort;
        private int postgresPort;
        private int keycloakPort;
        private boolean fresh;
        private boolean redisPersistent;
        private boolean redisCluster = redisClusterConfigured();
        private Backend backend = Backend.configured();

        public Builder dir(Path dir) {
            this.dir = dir;
            return this;
        }

        public Builder pieces(Set<Piece> pieces) {
            this.pieces = pieces.isEmpty() ? EnumSet.noneOf(Piece.class) : EnumSet.copyOf(pieces);
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /**
         * Kafka as one broker (the default) or three, each also a controller, with topics replicated three
         * times and two in-sync replicas required (embedded backend only); the first listens on {@link
         * #kafkaPort(int)}, the others on free ports.
         */
        public Builder kafkaBrokers(int brokers) {
            this.kafkaBrokers = brokers;
            return this;
        }

        public Builder redisPort(int port) {
            this.redisPort = port;
            return this;
        }

        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder keycloakPort(int port) {
            this.keycloakPort = port;
            return this;
        }

        /** Where Kafka, Redis and PostgreSQL run; by default as {@link Backend#configured()} says. */
        public Builder backend(Backend backend) {
            this.backend = backend;
            return this;
        }

        /**
         * Redis as a cluster of three masters with a replica each (embedded backend only); by default as the
         * system property {@code redis} or the environment variable {@code FLASHSALE_REDIS} says
         * ({@code standalone}, the default, or {@code cluster}).
         */
        public Builder redisCluster(boolean cluster) {
            this.redisCluster = cluster;
            return this;
        }

        /** Redis keeps an append-only file, so that a restart keeps its data (off: tests lose it on purpose). */
        public Builder redisPersistent(boolean persistent) {
            this.redisPersistent = persistent;
            return this;
        }

        /** Start from empty data instead of what a previous run left. */
        public Builder fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        public EmbeddedStack build() {
            EmbeddedStack stack = new EmbeddedStack(this);
            if (fresh) {
                stack.all.forEach(s -> deleteTree(s.dir()));
                forget(stack.dir);
            }
            return stack;
        }
    }

    /**
     * Whether the system property {@code redis} or the environment variable {@code FLASHSALE_REDIS} asks for
     * a Redis Cluster ({@code cluster}) rather than one Redis ({@code standalone}, the default): how a suite
     * is run on the cluster unchanged.
     */
    public static boolean redisClusterConfigured() {
        String value = System.getProperty("redis");
        if (value == null || value.isBlank()) {
            value = System.getenv("FLASHSALE_REDIS");
        }
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("standalone")) {
            return false;
        }
        if (value.strip().equalsIgnoreCase("cluster")) {
            return true;
        }
        throw new StackException("redis / FLASHSALE_REDIS is '" + value + "'; it must be standalone or cluster");
    }

    /**
     * Deletes everything a stack kept in {@code dir}, as {@link Builder#fresh} does before a start; for a launcher
     * that must empty the directory before it writes there itself.
     */
    public static void forget(Path dir) {
        deleteTree(dir.toAbsolutePath().normalize());
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new StackException("could not delete " + root + ": " + e.getMessage(), e);
        }
    }
}
